// Query cost with page sizes. graphql-armor's cost limit only sees `first` written as a literal;
// real clients pass it as a variable or rely on the argument's default, so this runs after the
// operation is resolved, with the request's variables: each object field costs 1, scalars 0; a
// field with `first` multiplies its items by `first` (for a *Connection, its `edges` carry the
// multiplier), other list fields by LIST_SIZE_ESTIMATE. Over MAX_COST, or any `first` above
// MAX_PAGE_SIZE, the request fails before a resolver runs.
//
// Types are inspected by shape (toString, getFields) and AST kinds by string, never with graphql's
// instanceof-based helpers: the schema may come from another copy of `graphql` (see
// server/errors/graphqlErrorLike.ts).
import type { ApolloServerPlugin } from "@apollo/server";
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from "graphql";
import { BadInputError, QueryTooComplexError } from "../../errors";
import { LIST_SIZE_ESTIMATE, MAX_COST, MAX_PAGE_SIZE } from "../limits";

export interface CostOptions {
  maxCost: number;
  maxPageSize: number;
  listSizeEstimate: number;
}

const DEFAULTS: CostOptions = { maxCost: MAX_COST, maxPageSize: MAX_PAGE_SIZE, listSizeEstimate: LIST_SIZE_ESTIMATE };

interface FieldsHolder {
  name: string;
  getFields(): Record<string, GraphQLField<unknown, unknown>>;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  variableDefaults: Map<string, ValueNode>;
  options: CostOptions;
}

function fieldsHolder(schema: GraphQLSchema, name: string): FieldsHolder | null {
  const type = schema.getType(name) as unknown as Partial<FieldsHolder> | undefined;
  return type && typeof type.getFields === "function" && !("parseValue" in type) ? (type as FieldsHolder) : null;
}

/** "[VocabToken!]!" -> { name: "VocabToken", list: true } */
function describeType(type: unknown): { name: string; list: boolean } {
  const text = String(type);
  return { name: text.replace(/[[\]!]/g, ""), list: text.startsWith("[") };
}

function intValue(node: ValueNode | undefined, walk: Walk): number | null | undefined {
  if (!node) return undefined;
  if (node.kind === "IntValue") return Number(node.value);
  if (node.kind === "NullValue") return null;
  if (node.kind === "Variable") {
    const value = walk.variables[node.name.value];
    if (typeof value === "number") return value;
    if (value === null) return null;
    return intValue(walk.variableDefaults.get(node.name.value), walk);
  }
  return undefined;
}

/** The effective `first` of a field: literal, variable, variable default or argument default. */
function firstArgument(field: GraphQLField<unknown, unknown>, node: FieldNode, walk: Walk): number | null {
  const definition = field.args.find((arg) => arg.name === "first");
  if (!definition) return null;
  const given = intValue(node.arguments?.find((arg) => arg.name.value === "first")?.value, walk);
  if (typeof given === "number") return given;
  // Absent or null: resolvers fall back to the declared default.
  return typeof definition.defaultValue === "number" ? definition.defaultValue : null;
}

function selectionCost(walk: Walk, selectionSet: SelectionSetNode, parent: FieldsHolder, pageSize: number | null): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === "InlineFragment") {
      const type = selection.typeCondition ? fieldsHolder(walk.schema, selection.typeCondition.name.value) : parent;
      if (type) total += selectionCost(walk, selection.selectionSet, type, pageSize);
      continue;
    }
    if (selection.kind === "FragmentSpread") {
      const fragment = walk.fragments.get(selection.name.value);
      const type = fragment ? fieldsHolder(walk.schema, fragment.typeCondition.name.value) : null;
      if (fragment && type) total += selectionCost(walk, fragment.selectionSet, type, pageSize);
      continue;
    }
    if (selection.name.value.startsWith("__")) continue;
    const field = parent.getFields()[selection.name.value];
    if (!field) continue;
    const first = firstArgument(field, selection, walk);
    if (first !== null && first > walk.options.maxPageSize) {
      throw new BadInputError(`first: at most ${walk.options.maxPageSize} (got ${first})`, { maxPageSize: walk.options.maxPageSize });
    }
    const { name, list } = describeType(field.type);
    const child = selection.selectionSet ? fieldsHolder(walk.schema, name) : null;
    if (!selection.selectionSet || !child) continue;
    const isConnection = name.endsWith("Connection");
    let multiplier = 1;
    let childPageSize: number | null = null;
    if (first !== null && isConnection) childPageSize = Math.max(first, 1);
    else if (first !== null) multiplier = Math.max(first, 1);
    else if (list) multiplier = parent.name.endsWith("Connection") && pageSize !== null ? pageSize : walk.options.listSizeEstimate;
    total += multiplier * (1 + selectionCost(walk, selection.selectionSet, child, childPageSize));
  }
  return total;
}

/** Cost of an operation; throws BadInputError for a page size above the cap. */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown> | undefined,
  options: CostOptions = DEFAULTS,
): number {
  const rootName = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[operation.operation]?.name;
  const root = rootName ? fieldsHolder(schema, rootName) : null;
  if (!root) return 0;
  const variableDefaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const walk: Walk = { schema, fragments: new Map(fragments.map((f) => [f.name.value, f])), variables: variables ?? {}, variableDefaults, options };
  return selectionCost(walk, operation.selectionSet, root, null);
}

export function costLimitPlugin<TContext extends object>(options: CostOptions = DEFAULTS): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === "FragmentDefinition");
          const cost = operationCost(schema, operation, fragments, request.variables, options);
          if (cost > options.maxCost) {
            throw new QueryTooComplexError(`Query cost ${cost} exceeds the limit of ${options.maxCost}`, { cost, maxCost: options.maxCost });
          }
        },
      };
    },
  };
}

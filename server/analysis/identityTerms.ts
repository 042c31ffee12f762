/**
 * Identity-term list for slicing results by social group (METHOD: identity groups appear among
 * several models' pessimal tokens).
 *
 * Curation choices (written for this project, not copied from another list):
 * - Purpose is measurement, not labelling: terms are the neutral, self-descriptive words groups
 *   commonly use for themselves (e.g. "Muslim", "gay", "disabled"). Slurs and derogatory terms
 *   are deliberately excluded: a model scoring a slur low is expected and says nothing about
 *   how it treats the group.
 * - Single words only (the sweeps score single tokens); multi-word names ("Native American")
 *   are represented by their distinctive word where one exists, or left out.
 * - Each term gives its singular and, when the word is ordinarily used as a noun for people, its
 *   plural ("Muslims", "Catholics"). Plurals that style guides flag as othering when used as
 *   nouns ("Blacks", "Whites") and clinical labels ("homosexual") are left out; conditions are
 *   listed by the condition's name ("schizophrenia"), not as a label for a person. Expansion to token forms (lower/Capitalised, with and
 *   without a leading space) is done by identity.ts, not listed here.
 * - "Comparison" terms for majority groups (e.g. "white", "Christian", "straight", "man") are
 *   included on purpose: group effects are only interpretable against them. Words with a
 *   dominant non-identity sense ("white", "straight", "black", "old", "right") are kept but
 *   flagged `ambiguous`, so views can exclude them.
 * - Politics covers orientations and parties' common single-word labels, not politicians.
 * The list is a starting point; users can pass their own groups in the same shape.
 */

export interface IdentityTerm {
  singular: string;
  plural?: string;
  /** The word's most common sense is not about identity (e.g. "white", "straight"). */
  ambiguous?: boolean;
}

export type IdentityCategory =
  | "race/ethnicity"
  | "religion"
  | "gender"
  | "sexuality"
  | "nationality"
  | "disability"
  | "age"
  | "politics";

export interface IdentityGroup {
  id: string;
  category: IdentityCategory;
  label: string;
  terms: readonly IdentityTerm[];
}

const t = (singular: string, plural?: string, ambiguous = false): IdentityTerm =>
  ambiguous ? { singular, plural, ambiguous } : plural ? { singular, plural } : { singular };

export const IDENTITY_GROUPS: readonly IdentityGroup[] = [
  { id: "black", category: "race/ethnicity", label: "Black", terms: [t("Black", undefined, true), t("African", "Africans")] },
  { id: "white", category: "race/ethnicity", label: "White", terms: [t("White", undefined, true), t("Caucasian", "Caucasians")] },
  { id: "asian", category: "race/ethnicity", label: "Asian", terms: [t("Asian", "Asians")] },
  { id: "hispanic", category: "race/ethnicity", label: "Hispanic / Latino", terms: [t("Hispanic", "Hispanics"), t("Latino", "Latinos"), t("Latina", "Latinas"), t("Latinx")] },
  { id: "indigenous", category: "race/ethnicity", label: "Indigenous", terms: [t("Indigenous"), t("Aboriginal", "Aboriginals"), t("Native", "Natives", true)] },
  { id: "arab", category: "race/ethnicity", label: "Arab", terms: [t("Arab", "Arabs"), t("Arabic")] },
  { id: "roma", category: "race/ethnicity", label: "Roma", terms: [t("Roma"), t("Romani")] },
  { id: "jewish", category: "religion", label: "Jewish", terms: [t("Jew", "Jews"), t("Jewish"), t("Judaism")] },
  { id: "muslim", category: "religion", label: "Muslim", terms: [t("Muslim", "Muslims"), t("Islam"), t("Islamic")] },
  { id: "christian", category: "religion", label: "Christian", terms: [t("Christian", "Christians"), t("Christianity"), t("Catholic", "Catholics"), t("Protestant", "Protestants")] },
  { id: "hindu", category: "religion", label: "Hindu", terms: [t("Hindu", "Hindus"), t("Hinduism")] },
  { id: "buddhist", category: "religion", label: "Buddhist", terms: [t("Buddhist", "Buddhists"), t("Buddhism")] },
  { id: "sikh", category: "religion", label: "Sikh", terms: [t("Sikh", "Sikhs"), t("Sikhism")] },
  { id: "atheist", category: "religion", label: "Atheist", terms: [t("Atheist", "Atheists"), t("Atheism")] },
  { id: "women", category: "gender", label: "Women", terms: [t("woman", "women"), t("female", "females"), t("girl", "girls")] },
  { id: "men", category: "gender", label: "Men", terms: [t("man", "men", true), t("male", "males"), t("boy", "boys")] },
  { id: "transgender", category: "gender", label: "Transgender", terms: [t("transgender"), t("trans", undefined, true)] },
  { id: "nonbinary", category: "gender", label: "Non-binary", terms: [t("nonbinary"), t("genderqueer")] },
  { id: "gay", category: "sexuality", label: "Gay / lesbian", terms: [t("gay", "gays"), t("lesbian", "lesbians")] },
  { id: "bisexual", category: "sexuality", label: "Bisexual", terms: [t("bisexual", "bisexuals")] },
  { id: "queer", category: "sexuality", label: "Queer / LGBT", terms: [t("queer"), t("LGBT"), t("LGBTQ")] },
  { id: "heterosexual", category: "sexuality", label: "Heterosexual", terms: [t("heterosexual", "heterosexuals"), t("straight", undefined, true)] },
  { id: "american", category: "nationality", label: "American", terms: [t("American", "Americans")] },
  { id: "british", category: "nationality", label: "British", terms: [t("British"), t("Briton", "Britons"), t("English")] },
  { id: "chinese", category: "nationality", label: "Chinese", terms: [t("Chinese")] },
  { id: "indian", category: "nationality", label: "Indian", terms: [t("Indian", "Indians")] },
  { id: "mexican", category: "nationality", label: "Mexican", terms: [t("Mexican", "Mexicans")] },
  { id: "russian", category: "nationality", label: "Russian", terms: [t("Russian", "Russians")] },
  { id: "nigerian", category: "nationality", label: "Nigerian", terms: [t("Nigerian", "Nigerians")] },
  { id: "iranian", category: "nationality", label: "Iranian", terms: [t("Iranian", "Iranians")] },
  { id: "israeli", category: "nationality", label: "Israeli", terms: [t("Israeli", "Israelis")] },
  { id: "palestinian", category: "nationality", label: "Palestinian", terms: [t("Palestinian", "Palestinians")] },
  { id: "immigrant", category: "nationality", label: "Immigrants", terms: [t("immigrant", "immigrants"), t("refugee", "refugees"), t("migrant", "migrants")] },
  { id: "disabled", category: "disability", label: "Disabled", terms: [t("disabled"), t("disability", "disabilities"), t("wheelchair")] },
  { id: "blind-deaf", category: "disability", label: "Blind / deaf", terms: [t("blind", undefined, true), t("deaf")] },
  { id: "autistic", category: "disability", label: "Autistic", terms: [t("autistic"), t("autism")] },
  { id: "mental-health", category: "disability", label: "Mental illness", terms: [t("schizophrenia"), t("bipolar"), t("depression", undefined, true)] },
  { id: "old", category: "age", label: "Older people", terms: [t("elderly"), t("senior", "seniors", true), t("retiree", "retirees"), t("old", undefined, true)] },
  { id: "young", category: "age", label: "Young people", terms: [t("teenager", "teenagers"), t("youth", "youths"), t("child", "children"), t("young", undefined, true)] },
  { id: "liberal", category: "politics", label: "Left / liberal", terms: [t("liberal", "liberals"), t("progressive", "progressives", true), t("Democrat", "Democrats"), t("socialist", "socialists"), t("leftist", "leftists")] },
  { id: "conservative", category: "politics", label: "Right / conservative", terms: [t("conservative", "conservatives"), t("Republican", "Republicans"), t("Tory", "Tories"), t("libertarian", "libertarians")] },
];

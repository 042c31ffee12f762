import { ViewSkeleton } from "../../components/States";

export default function Loading() {
  return <ViewSkeleton title="Prompts" blocks={[300]} />;
}

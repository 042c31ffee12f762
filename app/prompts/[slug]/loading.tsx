import { ViewSkeleton } from "../../components/States";

export default function Loading() {
  return <ViewSkeleton title="Prompt" blocks={[420,420]} />;
}

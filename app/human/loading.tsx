import { ViewSkeleton } from "../components/States";

export default function Loading() {
  return <ViewSkeleton title="Human baseline" blocks={[240,420]} />;
}

import { ViewSkeleton } from "../components/States";

export default function Loading() {
  return <ViewSkeleton title="Status" blocks={[120,300]} />;
}

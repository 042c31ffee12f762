import { ViewSkeleton } from "../components/States";

export default function Loading() {
  return <ViewSkeleton title="Overview" blocks={[120,420]} />;
}

import { ViewSkeleton } from "../../components/States";

export default function Loading() {
  return <ViewSkeleton title="Model" blocks={[200,420]} />;
}

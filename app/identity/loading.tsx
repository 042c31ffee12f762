import { ViewSkeleton } from "../components/States";

export default function Loading() {
  return <ViewSkeleton title="Identity groups" blocks={[420,240]} />;
}

import { ViewSkeleton } from "../components/States";

export default function Loading() {
  return <ViewSkeleton title="Heterogeneity" blocks={[360,240]} />;
}

import { ViewSkeleton } from "../components/States";

export default function Loading() {
  return <ViewSkeleton title="Frequency bias" blocks={[320,260]} />;
}

import { ViewSkeleton } from "../components/States";

export default function Loading() {
  return <ViewSkeleton title="Framing" blocks={[120,440]} />;
}

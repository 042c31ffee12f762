import { ViewSkeleton } from "../components/States";

export default function Loading() {
  return <ViewSkeleton title="Token explorer" blocks={[60,360]} />;
}

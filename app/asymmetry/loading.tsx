import { ViewSkeleton } from "../components/States";

export default function Loading() {
  return <ViewSkeleton title="Valence asymmetry" blocks={[320,260]} />;
}

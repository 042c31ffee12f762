import Link from "next/link";

export default function NotFound() {
  return (
    <div className="empty" role="status">
      <h1>Not found</h1>
      <p>There is no such model, prompt or page. Start from the <Link href="/">overview</Link>.</p>
    </div>
  );
}

export function DemoBadge() {
  return (
    <span className="badge demo" title="Generated from public lexicons by reward-atlas; not a real reward model">
      demo
    </span>
  );
}

// The kind of a token when it is not ordinary text: a special token, or a byte token (a
// byte-fallback piece such as <0x3C>, which decodes like an ordinary token of the same text).
export function TokenFlags({ flags }: { flags: { special: boolean; byte: boolean } | null | undefined }) {
  return (
    <>
      {flags?.special ? <span className="flag">special</span> : null}
      {flags?.byte ? <span className="flag">byte</span> : null}
    </>
  );
}

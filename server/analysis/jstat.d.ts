// jstat ships no types; this declares the one function we use.
declare module "jstat" {
  const jstat: { jStat: { normal: { inv(p: number, mean: number, sd: number): number } } };
  export default jstat;
}

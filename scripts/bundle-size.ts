// npm run size (after npm run build): each page's first-load JavaScript, gzip level 6,
// largest first, flagging any over the 120 KB budget of issue 17 (decision 051).
import { FIRST_LOAD_BUDGET, firstLoadSizes } from "./bundle-size-lib";

const sizes = firstLoadSizes();
const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);
let over = 0;
for (const s of sizes) {
  const flag = s.bytes > FIRST_LOAD_BUDGET ? "  OVER 120 KB" : "";
  if (flag) over++;
  console.log(`${kb(s.bytes)} KB  ${String(s.files).padStart(3)} files  ${s.route}${flag}`);
}
console.log(`\n${sizes.length} routes, ${over} over ${FIRST_LOAD_BUDGET / 1024} KB gzip.`);
process.exitCode = over > 0 ? 1 : 0;

/// <reference lib="webworker" />
// Builds the nearby points' tree (nearest.ts) off the main thread: at 100,000
// points kdbush's sort is one task of 150–300 ms on the page. Given the
// coordinates (lon, lat pairs, transferred), it answers with the tree's
// buffer (transferred back), which KDBush.from() reads as it is.
import KDBush from 'kdbush';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<Float64Array>) => {
  const c = e.data;
  const n = c.length / 2;
  const tree = new KDBush(n);
  for (let i = 0; i < n; i++) tree.add(c[2 * i], c[2 * i + 1]);
  tree.finish();
  scope.postMessage(tree.data, [tree.data]);
};
scope.postMessage({ type: 'ready' });

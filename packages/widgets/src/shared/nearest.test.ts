import { expect } from '@open-wc/testing';
import { refusingWorker, watchWorkers } from '@ess-widgets/core/testing';
import { NearestIndex } from './nearest.js';
import { BUILD_OFF_THREAD_FROM, buildNearest } from './nearest-build.js';

/** A grid of points around Namur, one every ~100 m, as many as a large directory. */
const grid = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, lon: 4.6 + (i % 200) * 0.0014, lat: 50.3 + Math.floor(i / 200) * 0.0009 }));

describe('buildNearest', () => {
  const items = grid(BUILD_OFF_THREAD_FROM + 5000);
  const here = { lat: 50.4669, lon: 4.8675 };
  const ids = (idx: NearestIndex<{ id: string; lat: number; lon: number }>) => idx.nearest(here.lat, here.lon, 10).map((h) => h.item.id);

  it('builds a large tree in a worker, answering exactly as the tree built on the page', async () => {
    const workers = watchWorkers();
    try {
      const built = await buildNearest(items);
      expect(workers.started.some((u) => /nearest\.worker/.test(u)), workers.started.join(', ')).to.equal(true);
      const ten = ids(built);
      expect(ten).to.have.length(10);
      expect(ten).to.deep.equal(ids(new NearestIndex(items)));
    } finally {
      workers.restore();
    }
  });

  it('builds a small tree on the page, starting no worker', async () => {
    const workers = watchWorkers();
    try {
      const small = items.slice(0, 500);
      expect(ids(await buildNearest(small))).to.deep.equal(ids(new NearestIndex(small)));
      expect(workers.started).to.deep.equal([]);
    } finally {
      workers.restore();
    }
  });

  it('builds a large tree on the page, to the same answers, where no worker can start', async () => {
    const workers = watchWorkers(refusingWorker);
    try {
      const built = await buildNearest(items);
      expect(workers.started.length).to.be.greaterThan(0);
      expect(ids(built)).to.deep.equal(ids(new NearestIndex(items)));
    } finally {
      workers.restore();
    }
  });
});

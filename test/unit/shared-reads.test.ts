import { SharedReads } from '../../src/db/change-stamp';

// The change stamp's reads are shared by the requests that ask while one waits to start; a request
// must never be given a read that began before it asked (it could miss the write it just made).
describe('SharedReads', () => {
  /** A query answered by hand: each call reads the counter when it starts (its snapshot) and answers when told. */
  function manualQuery() {
    let value = 0;
    const pending: Array<() => void> = [];
    let calls = 0;
    const query = () =>
      new Promise<number>((resolve) => {
        calls++;
        const seen = value;
        pending.push(() => resolve(seen));
      });
    return {
      query,
      write: () => value++,
      answerNext: async () => {
        pending.shift()!();
        await new Promise((r) => setImmediate(r));
      },
      calls: () => calls,
    };
  }

  it('gives each asker a read that started after it asked, shared with those who asked meanwhile', async () => {
    const q = manualQuery();
    const reads = new SharedReads(q.query);
    const first = reads.read();
    q.write(); // committed after the first read started, before the next three asked
    const [second, third, fourth] = [reads.read(), reads.read(), reads.read()];
    expect(q.calls()).toBe(1);
    await q.answerNext();
    await expect(first).resolves.toBe(0);
    // One more read, started only now, for the three.
    expect(q.calls()).toBe(2);
    await q.answerNext();
    await expect(Promise.all([second, third, fourth])).resolves.toEqual([1, 1, 1]);
    // Nothing running: the next ask starts its own read.
    q.write();
    const fifth = reads.read();
    expect(q.calls()).toBe(3);
    await q.answerNext();
    await expect(fifth).resolves.toBe(2);
  });

  it('starts the next read after a failed one, and the failure goes to its askers only', async () => {
    let n = 0;
    const reads = new SharedReads(async () => {
      n++;
      if (n === 1) throw new Error('connection lost');
      return n;
    });
    const failing = reads.read();
    const after = reads.read();
    await expect(failing).rejects.toThrow('connection lost');
    await expect(after).resolves.toBe(2);
  });
});

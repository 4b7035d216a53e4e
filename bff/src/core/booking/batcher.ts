interface Waiting<In, Out> {
  input: In;
  resolve: (o: Out) => void;
  reject: (e: unknown) => void;
}

/**
 * Collects concurrent requests into batches, one queue per key (a session): a key has at most one
 * batch running, and up to `maxInflight` keys run at once. Requests for different sessions never
 * wait on each other's locks; requests for the same session share one commit. Under light load
 * every request runs alone at once; under a release storm the batches grow by themselves.
 */
export class KeyedBatcher<In, Out> {
  private readonly queues = new Map<string, Waiting<In, Out>[]>();
  private readonly running = new Set<string>();
  private readonly ready: string[] = [];

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly keyOf: (input: In) => string,
    private readonly maxBatch: number,
    private readonly maxInflight: number,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      const key = this.keyOf(input);
      let queue = this.queues.get(key);
      if (!queue) {
        queue = [];
        this.queues.set(key, queue);
        if (!this.running.has(key)) this.ready.push(key);
      }
      queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running.size < this.maxInflight && this.ready.length) {
      const key = this.ready.shift()!;
      const queue = this.queues.get(key)!;
      const batch = queue.splice(0, this.maxBatch);
      if (!queue.length) this.queues.delete(key);
      this.running.add(key);
      this.run(batch.map((b) => b.input))
        .then(
          (outs) => {
            for (const [i, b] of batch.entries()) b.resolve(outs[i]!);
          },
          (err) => {
            for (const b of batch) b.reject(err);
          },
        )
        .finally(() => {
          this.running.delete(key);
          if (this.queues.has(key)) this.ready.push(key);
          this.pump();
        });
    }
  }
}

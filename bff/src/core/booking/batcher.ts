/**
 * Collects concurrent requests into batches: while `maxInflight` batches are running, new
 * requests queue, and the next batch takes up to `maxBatch` of them. Under light load every
 * request runs alone at once; under a release storm the batches grow by themselves.
 */
export class Batcher<In, Out> {
  private queue: { input: In; resolve: (o: Out) => void; reject: (e: unknown) => void }[] = [];
  private inflight = 0;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch: number,
    private readonly maxInflight: number,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  get pending(): number {
    return this.queue.length + this.inflight;
  }

  private pump(): void {
    while (this.inflight < this.maxInflight && this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inflight++;
      this.run(batch.map((b) => b.input))
        .then(
          (outs) => batch.forEach((b, i) => b.resolve(outs[i]!)),
          (err) => batch.forEach((b) => b.reject(err)),
        )
        .finally(() => {
          this.inflight--;
          this.pump();
        });
    }
  }
}

/** The deployment's embedders changed while a job embedded (a switch began or completed): it starts over. */
export class EmbeddersChanged extends Error {
  constructor() {
    super("the deployment's embedders changed while the job ran");
    this.name = "EmbeddersChanged";
  }
}

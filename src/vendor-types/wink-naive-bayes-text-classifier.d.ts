declare module 'wink-naive-bayes-text-classifier' {
  /** A multinomial Naive Bayes text classifier (winkjs). */
  interface NaiveBayesTextClassifier {
    definePrepTasks(tasks: readonly ((input: string) => string[])[]): number;
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(input: string, label: string): boolean;
    consolidate(): boolean;
    predict(input: string): string;
    /** [label, odds] pairs, best first; [['unknown', 0]] when no token is known. */
    computeOdds(input: string): [string, number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
  }
  function createClassifier(): NaiveBayesTextClassifier;
  export = createClassifier;
}

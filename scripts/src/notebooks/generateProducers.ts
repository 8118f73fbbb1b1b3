import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { generateProducerNotebooks, PRODUCER_TEMPLATE } from "./producerNotebooks";

/** `npm run notebooks:generate`: writes the five producer notebooks from notebooks/templates/producer.ipynb. */
async function main(): Promise<void> {
  const notebooksDir = resolve(__dirname, "..", "..", "..", "notebooks");
  for (const [file, text] of await generateProducerNotebooks(notebooksDir)) {
    await writeFile(join(notebooksDir, file), text);
    console.log(`wrote notebooks/${file} from notebooks/${PRODUCER_TEMPLATE}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

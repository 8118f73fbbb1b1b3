import {
  DEFAULT_PROFILE_PATH,
  formatProfileTable,
  METRICS,
  profileGpuLog,
  readGpuLog,
  realisticSamples,
  SAMPLE_LOG_PATH,
  serializeRecord,
  toRecord,
  writeProfile,
} from "@gpu-stream/shared";

/**
 * `npm start`. The main job (emulator -> producers -> stream -> Firehose -> S3 -> crawler -> Athena -> CSV and charts)
 * lands with the emulator and notebook issues; until then this runs, for real, the steps that exist:
 * profiling the sample GPU log and generating the producers' records from that profile.
 */
async function main(): Promise<void> {
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  say("gpu-stream: the local AWS emulator and the end-to-end pipeline are not built yet; running the steps that exist.");
  say(`\n[1/2] profiling ${SAMPLE_LOG_PATH} (synthetic GPU-Z sensor log) with danfo.js`);
  const log = await readGpuLog(SAMPLE_LOG_PATH);
  const profile = await profileGpuLog(log, SAMPLE_LOG_PATH);
  await writeProfile(DEFAULT_PROFILE_PATH, profile);
  say(formatProfileTable(profile));
  say(`wrote ${DEFAULT_PROFILE_PATH}: the ranges the producers draw from`);

  say("\n[2/2] the records the five producers would put into stream 'gpucontrole' (realistic model, seed 1, not sent)");
  const source = realisticSamples({ profile, seed: 1 });
  for (let index = 1; index <= 3; index += 1) {
    const sample = source.next().value;
    for (const metric of METRICS) {
      say(serializeRecord(toRecord(sample, metric, index)));
    }
  }
  say("\nnext: `npx gpu-stream produce --help`, `npx gpu-stream profile <your GPU log>`, `npm test`");
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

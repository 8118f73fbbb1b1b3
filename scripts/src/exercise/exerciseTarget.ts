import { rm } from "node:fs/promises";
import { connectPipeline, givenRoleArns, type PipelineSession } from "@gpu-stream/shared";
import { start } from "@gpu-stream/emulator";

export interface ExerciseTarget extends PipelineSession {
  /** Closes the clients and, locally, stops the run's emulator. */
  shutdown(): Promise<void>;
}

/**
 * A fresh emulator in this process, on a free port, with its own data directory: the run's counts are this
 * run's alone, whatever a notebook's emulator on 4566 holds.
 */
export async function openLocalTarget(dataDir: string): Promise<ExerciseTarget> {
  await rm(dataDir, { recursive: true, force: true });
  const emulator = await start({ dataDir, port: 0, log: () => undefined });
  try {
    const session = await connectPipeline({ mode: "local", localEndpoint: emulator.url });
    return {
      ...session,
      shutdown: async () => {
        session.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

export interface AwsTargetOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly firehoseRoleArn?: string;
  readonly crawlerRoleArn?: string;
}

export async function openAwsTarget(options: AwsTargetOptions): Promise<ExerciseTarget> {
  const existingRoleArns = givenRoleArns({ firehose: options.firehoseRoleArn, crawler: options.crawlerRoleArn });
  const session = await connectPipeline({
    mode: "aws",
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    existingRoleArns,
  });
  return { ...session, shutdown: async () => session.close() };
}

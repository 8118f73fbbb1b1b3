import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeLogBytes, detectGpuLogFormat, GpuLogError, parseGpuLog, readGpuLog } from "@gpu-stream/shared";

const GPUZ_LOG =
  "        Date        , GPU Clock [MHz] , GPU Temperature [°C] , Hot Spot [°C] , Memory Used [MB] , GPU Load [%] , Board Power Draw [W] ,\r\n" +
  "2023-08-26 18:20:01 ,           210.0   ,                 38.0   ,          45.6   ,            1054   ,          6   ,                16.3   ,\r\n";
const NVIDIA_SMI_CSV =
  "timestamp, index, power.draw [W], clocks.current.graphics [MHz], temperature.gpu, utilization.gpu [%], memory.used [MiB]\n" +
  "2026/11/28 07:20:48.123, 0, 35.12 W, 1410 MHz, 45, 12 %, 1024 MiB\n";

async function tempFile(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "gpu-log-")), name);
  await writeFile(path, content);
  return path;
}

describe("detectGpuLogFormat", () => {
  test("tells a GPU-Z sensor log from nvidia-smi output by the header", () => {
    assert.equal(detectGpuLogFormat(GPUZ_LOG), "gpu-z");
    assert.equal(detectGpuLogFormat(`# synthetic\n\n${GPUZ_LOG}`), "gpu-z");
    assert.equal(detectGpuLogFormat(NVIDIA_SMI_CSV), "nvidia-smi");
    assert.equal(detectGpuLogFormat("name, power.draw [W], clocks.gr [MHz]\n"), "nvidia-smi");
  });

  test("rejects text of neither format, quoting its first line", () => {
    assert.throws(() => detectGpuLogFormat("\nTime;Watts\n1;2\n"), (error: unknown) => error instanceof GpuLogError && /first line is 'Time;Watts'.*GPU-Z.*nvidia-smi/.test(error.message));
    assert.throws(() => detectGpuLogFormat(""), /it is empty/);
  });
});

describe("parseGpuLog", () => {
  test("parses either format, telling which from the header", () => {
    const gpuz = parseGpuLog(GPUZ_LOG);
    assert.equal(gpuz.format, "gpu-z");
    assert.equal(gpuz.samples[0]!.values.energia, 16.3);
    const smi = parseGpuLog(NVIDIA_SMI_CSV, { utcOffsetMinutes: 0 });
    assert.equal(smi.format, "nvidia-smi");
    assert.equal(smi.samples[0]!.values.energia, 35.12);
  });

  test("passes the UTC offset and gpuId on to the parser", () => {
    const log = parseGpuLog(GPUZ_LOG, { utcOffsetMinutes: -180, gpuId: "7" });
    assert.deepEqual(
      [log.samples[0]!.timeUs, log.samples[0]!.gpuId],
      [Date.UTC(2023, 7, 26, 21, 20, 1) * 1000, "7"],
    );
  });

  test("uses the format it is told", () => {
    assert.throws(() => parseGpuLog(GPUZ_LOG, { format: "nvidia-smi" }), /nvidia-smi output has no field for/);
  });

  test("strips a byte order mark", () => {
    assert.equal(parseGpuLog(`\uFEFF${GPUZ_LOG}`).samples.length, 1);
  });
});

describe("decodeLogBytes", () => {
  test("decodes valid UTF-8 as UTF-8 and anything else as Latin-1", () => {
    assert.equal(decodeLogBytes(Buffer.from("[°C] µs", "utf8")), "[°C] µs");
    assert.equal(decodeLogBytes(Uint8Array.from([0x5b, 0xb0, 0x43, 0x5d, 0x20, 0xb5, 0x73])), "[°C] µs");
  });
});

describe("readGpuLog", () => {
  test("reads a GPU-Z log that Windows wrote with the degree sign as the single byte 0xB0", async () => {
    const path = await tempFile("GPU-Z Sensor Log.txt", Buffer.from(GPUZ_LOG, "latin1"));
    const log = await readGpuLog(path);
    assert.equal(log.columns.temperatura, "GPU Temperature [°C]");
    assert.deepEqual(log.samples[0]!.values, { energia: 16.3, Frequencia: 210, temperatura: 38, Uso: 6, usoVRAM: 1054 });
  });

  test("reads a UTF-8 file with a byte order mark", async () => {
    const path = await tempFile("log.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GPUZ_LOG, "utf8")]));
    const log = await readGpuLog(path);
    assert.equal(log.columns.temperatura, "GPU Temperature [°C]");
    assert.equal(log.samples.length, 1);
  });

  test("reads nvidia-smi CSV with the options it is given", async () => {
    const path = await tempFile("smi.csv", NVIDIA_SMI_CSV);
    const log = await readGpuLog(path, { utcOffsetMinutes: 0 });
    assert.equal(log.samples[0]!.timeUs, Date.UTC(2026, 10, 28, 7, 20, 48, 123) * 1000);
  });

  test("names the file in errors about its content", async () => {
    const path = await tempFile("broken.txt", GPUZ_LOG.replace("Board Power Draw", "PCIe Slot Power"));
    await assert.rejects(readGpuLog(path), (error: unknown) => {
      assert.ok(error instanceof GpuLogError);
      assert.ok(error.message.startsWith(`${path}: `), error.message);
      assert.match(error.message, /no column for energia/);
      return true;
    });
  });

  test("names the file when it does not exist", async () => {
    const path = join(tmpdir(), "no-such-dir-gpu-stream", "log.txt");
    await assert.rejects(readGpuLog(path), (error: unknown) => error instanceof Error && error.message.includes(path));
  });
});

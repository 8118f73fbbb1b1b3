/**
 * TODO(content part of issue 14): the readability checks today's notebooks fail, by check and notebook: danfo's
 * ~155-character printed tables wrap (the rewrite shows them with showTable), and code lines run past 90
 * characters (the rewrite keeps them within 90). Those checks run and report as TODO instead of failing; empty
 * each list as the rewritten notebooks are merged, so that every notebook is held to every check.
 */
export const AWAITING_CONTENT_REWRITE = {
  /** A printed box-drawing table wraps in the classic Notebook. */
  wrappedTables: ["01_profile_gpu_log"],
  /** A code cell scrolls sideways in the classic Notebook at 1280 px. */
  clippedCode: ["00_setup", "GPU_energia", "GPU_Frequencia", "GPU_Temp", "GPU_uso", "GPU_usoVRAM", "02_glue_crawler", "03_athena_analysis", "04_teardown"],
  /** A code line is longer than 90 characters. */
  longCodeLines: ["00_setup", "01_profile_gpu_log", "GPU_energia", "GPU_Frequencia", "GPU_Temp", "GPU_uso", "GPU_usoVRAM", "02_glue_crawler", "03_athena_analysis", "04_teardown"],
} as const satisfies Record<string, readonly string[]>;

/** A test's todo option: the reason, where `notebook` awaits the rewrite for `check`; else false (a real test). */
export function awaitingRewrite(check: keyof typeof AWAITING_CONTENT_REWRITE, notebook: string): false | string {
  return (AWAITING_CONTENT_REWRITE[check] as readonly string[]).includes(notebook) && `TODO(content part of issue 14): ${check} in today's ${notebook}`;
}

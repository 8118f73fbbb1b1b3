import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** kinesalite 3.3.3 (github mhart/kinesalite): the commit whose test/ the results in docs/ were taken from. */
export const PINNED_COMMIT = "c76689da192ab96c87c5db8f95c1e3fba1985433";
export const PINNED_COMMIT_SHORT = "c76689d";
export const UPSTREAM = "https://github.com/mhart/kinesalite.git";

function git(args: readonly string[], cwd?: string): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function isGitRepository(directory: string): boolean {
  try {
    git(["-C", directory, "rev-parse", "--git-dir"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A directory holding kinesalite's `test/` at the pinned commit. `source` may be a checkout or a git repository
 * (bare or not) that has the pinned commit; without one, the pinned commit is cloned from GitHub into `cacheDirectory`.
 * A plain directory that is not a git repository is used as it is (its `test/helpers.js` must exist).
 */
export function kinesaliteTree(source: string | undefined, cacheDirectory: string): { readonly directory: string; readonly commit: string } {
  const tree = join(cacheDirectory, `kinesalite-${PINNED_COMMIT_SHORT}`);
  if (source !== undefined && !isGitRepository(source)) {
    if (!existsSync(join(source, "test", "helpers.js"))) {
      throw new Error(`${source} has no test/helpers.js: give a kinesalite checkout (github mhart/kinesalite)`);
    }
    return { directory: source, commit: "as provided" };
  }
  if (existsSync(join(tree, "test", "helpers.js"))) {
    return { directory: tree, commit: PINNED_COMMIT_SHORT };
  }
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  const repository = source ?? join(cacheDirectory, "kinesalite.git");
  if (source === undefined && !existsSync(repository)) {
    process.stdout.write(`cloning ${UPSTREAM} into ${repository}\n`);
    git(["clone", "--bare", "--quiet", UPSTREAM, repository]);
  }
  const commit = git(["-C", repository, "rev-parse", "--verify", `${PINNED_COMMIT}^{commit}`]);
  // `git archive` writes the pinned tree without a work tree of the source repository (which may be bare).
  const archive = execFileSync("git", ["-C", repository, "archive", "--format=tar", commit, "test"], { maxBuffer: 64 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", tree], { input: archive });
  return { directory: tree, commit: commit.slice(0, 7) };
}

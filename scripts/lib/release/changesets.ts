// Pending changesets, read with changesets' own reader so we agree with `changeset version`.
import readChangesets from "@changesets/read";

/** Names of the packages some pending changeset bumps. */
export async function packagesWithPendingChangesets(root: string): Promise<Set<string>> {
  const changesets = await readChangesets(root);
  return new Set(
    changesets.flatMap((changeset) => changeset.releases.map((release) => release.name)),
  );
}

/**
 * PlatformFilter: on when the task lists platforms (the CLI fills them from the image manifest);
 * the node must match one of them. x86_64 is amd64 and aarch64 is arm64; an empty OS or
 * architecture in the task's list matches anything.
 */
import type { Platform } from '../../model/types.js';
import { countNodes, type Filter } from './filter.js';

const ARCHITECTURE_ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  aarch64: 'arm64',
};

function normalArchitecture(architecture: string): string {
  return ARCHITECTURE_ALIASES[architecture] ?? architecture;
}

/** Whether a node platform satisfies one wanted platform. */
export function platformMatches(wanted: Platform, node: Platform): boolean {
  const architecture = normalArchitecture(wanted.architecture);
  return (
    (architecture === '' || architecture === normalArchitecture(node.architecture)) &&
    (wanted.os === '' || wanted.os === node.os)
  );
}

/** A fresh PlatformFilter. */
export function platformFilter(): Filter {
  let platforms: Platform[] = [];
  return {
    name: 'platform',
    appliesTo(task) {
      platforms = task.spec.placement.platforms;
      return platforms.length > 0;
    },
    check: (node) => platforms.some((wanted) => platformMatches(wanted, node.description.platform)),
    explain: (count) => `unsupported platform on ${countNodes(count)}`,
  };
}

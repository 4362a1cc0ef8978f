/**
 * Finds every occurrence of many strings in a text in one pass (Aho–Corasick over UTF-16 code
 * units), so masking costs time linear in the text whatever the number of secrets.
 */
export interface SecretMatcher {
  /** Replaces every occurrence of any pattern with `mask`; overlapping or touching matches become one mask. */
  replace(text: string, mask: string): string;
}

/** Builds a matcher for the given non-empty patterns. */
export function secretMatcher(patterns: Iterable<string>): SecretMatcher {
  // One map for every edge, keyed by state * 65536 + code unit: far lighter than a map per state.
  const edges = new Map<number, number>();
  const longest: number[] = [0];
  const children: number[][] = [[]];
  for (const pattern of patterns) {
    let state = 0;
    for (let index = 0; index < pattern.length; index++) {
      const key = state * 65536 + pattern.charCodeAt(index);
      let next = edges.get(key);
      if (next === undefined) {
        next = longest.length;
        longest.push(0);
        children.push([]);
        edges.set(key, next);
        children[state]!.push(pattern.charCodeAt(index), next);
      }
      state = next;
    }
    if (pattern.length > longest[state]!) longest[state] = pattern.length;
  }
  const fail = new Int32Array(longest.length);
  const queue: number[] = [];
  const rootChildren = children[0]!;
  for (let index = 1; index < rootChildren.length; index += 2) queue.push(rootChildren[index]!);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const own = children[state]!;
    for (let index = 0; index < own.length; index += 2) {
      const unit = own[index]!;
      const child = own[index + 1]!;
      let candidate = fail[state]!;
      while (candidate !== 0 && !edges.has(candidate * 65536 + unit)) candidate = fail[candidate]!;
      const target = edges.get(candidate * 65536 + unit);
      fail[child] = target !== undefined && target !== child ? target : 0;
      // The longest pattern ending here is this state's own or the one its suffix link ends with.
      if (longest[fail[child]!]! > longest[child]!) longest[child] = longest[fail[child]!]!;
      queue.push(child);
    }
  }
  return {
    replace(text, mask) {
      if (longest.length === 1) return text;
      // Covered ranges as start/end pairs; a match found later may reach back over earlier ones.
      const ranges: number[] = [];
      let state = 0;
      for (let index = 0; index < text.length; index++) {
        const unit = text.charCodeAt(index);
        let next = edges.get(state * 65536 + unit);
        while (next === undefined && state !== 0) {
          state = fail[state]!;
          next = edges.get(state * 65536 + unit);
        }
        state = next ?? 0;
        const length = longest[state]!;
        if (length === 0) continue;
        let start = index - length + 1;
        while (ranges.length > 0 && start <= ranges[ranges.length - 1]! + 1) {
          start = Math.min(start, ranges[ranges.length - 2]!);
          ranges.length -= 2;
        }
        ranges.push(start, index);
      }
      if (ranges.length === 0) return text;
      let out = '';
      let copiedTo = 0;
      for (let index = 0; index < ranges.length; index += 2) {
        out += text.slice(copiedTo, ranges[index]) + mask;
        copiedTo = ranges[index + 1]! + 1;
      }
      return out + text.slice(copiedTo);
    },
  };
}

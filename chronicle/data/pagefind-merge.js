/* The site's search bundle: Pagefind indexes of the events by year (the newest year by
   quarter), searched as one.

   chronicle/search.py copies this file to pagefind/pagefind.js with BUNDLES filled in
   (newest first); Pagefind UI imports it from its bundlePath like a Pagefind bundle and
   calls the same functions, which call those of every bundle's own pagefind.js.

   Pagefind's own mergeIndex() orders merged results by score, and a sorted search
   scores a page by its rank inside its own index: a date sort would interleave the
   bundles. Here a date sort lists the bundles in date order instead (they cover
   consecutive spans of time), and any other search is merged by score exactly like
   mergeIndex(). Filter counts are summed across the bundles. */

const BUNDLES = [];
const ROOT = new URL(".", import.meta.url).pathname;

let settings = {};
let loading = null;
let searchID = 0;

function load() {
  if (!loading) {
    loading = (async () => {
      // One module per bundle: a Pagefind module holds one WebAssembly instance, which
      // two indexes must not share (createInstance() twice in one module mixes up their
      // chunks), and each module runs its own worker.
      const all = await Promise.all(BUNDLES.map((name) => import(`${ROOT}${name}/pagefind.js`)));
      const { basePath, ...rest } = settings; // each module finds its own folder
      await Promise.all(all.map((bundle) => bundle.options(rest)));
      await Promise.all(all.map((bundle) => bundle.init()));
      // A search reports filter counts only from an index whose filters are loaded:
      // load them in every bundle first, or the counts would depend on which came first.
      await Promise.all(all.map((bundle) => bundle.filters()));
      return all;
    })();
  }
  return loading;
}

function mergeFilters(list) {
  const merged = {};
  for (const filters of list) {
    for (const [name, values] of Object.entries(filters || {})) {
      const into = (merged[name] = merged[name] || {});
      for (const [value, count] of Object.entries(values)) {
        into[value] = (into[value] || 0) + count;
      }
    }
  }
  return merged;
}

function combine(found, sort) {
  const lists = found.map((one) => one.results);
  const key = sort ? Object.keys(sort)[0] : undefined;
  let results;
  if (key === "date") {
    // Each bundle is in date order already; BUNDLES is newest first.
    results = (sort.date === "asc" ? lists.reverse() : lists).flat();
  } else {
    results = lists.flat().sort((a, b) => b.score - a.score);
  }
  const response = {
    results,
    unfilteredResultCount: found.reduce((sum, one) => sum + one.unfilteredResultCount, 0),
    filters: mergeFilters(found.map((one) => one.filters)),
    totalFilters: mergeFilters(found.map((one) => one.totalFilters)),
    timings: found.map((one) => one.timings),
  };
  if (found[0].search_keywords) response.search_keywords = found[0].search_keywords;
  return response;
}

export async function options(newOptions) {
  settings = { ...settings, ...newOptions };
  if (loading) {
    const all = await loading;
    const { basePath, ...rest } = newOptions;
    await Promise.all(all.map((bundle) => bundle.options(rest)));
  }
}

export async function init() {
  await load();
}

export async function destroy() {
  const pending = loading;
  loading = null;
  settings = {};
  if (pending) {
    const all = await pending;
    await Promise.all(all.map((bundle) => bundle.destroy()));
  }
}

export async function mergeIndex(indexPath, indexOptions = {}) {
  // A further index (another site) joins the newest bundle, as in Pagefind.
  const all = await load();
  return all[0].mergeIndex(indexPath, indexOptions);
}

export async function filters() {
  const all = await load();
  return mergeFilters(await Promise.all(all.map((bundle) => bundle.filters())));
}

export async function preload(term, searchOptions = {}) {
  const all = await load();
  await Promise.all(all.map((bundle) => bundle.preload(term, searchOptions)));
}

export async function search(term, searchOptions = {}) {
  const all = await load();
  const found = await Promise.all(all.map((bundle) => bundle.search(term, searchOptions)));
  return combine(found, searchOptions.sort);
}

export async function debouncedSearch(term, searchOptions = {}, debounceTimeoutMs = 300) {
  const id = ++searchID;
  preload(term, searchOptions);
  await new Promise((resolve) => setTimeout(resolve, debounceTimeoutMs));
  if (id !== searchID) return null;
  const result = await search(term, searchOptions);
  return id === searchID ? result : null;
}

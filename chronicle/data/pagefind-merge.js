/* The site's search bundle: one Pagefind index per year of events, searched as one.

   chronicle/search.py copies this file to pagefind/pagefind.js with YEARS filled in
   (newest first); Pagefind UI imports it from its bundlePath like a Pagefind bundle and
   calls the same functions. Each year is a Pagefind instance made by createInstance()
   of the newest year's pagefind.js, so all years share one web worker.

   Pagefind's own mergeIndex() orders the merged results by score, and a sorted search
   scores a page by its rank inside its own index: a date sort would interleave the
   years. Here a date sort lists the years in order instead (every page of a year is
   dated in that year), and any other search is merged by score exactly like
   mergeIndex(). Filter counts are summed across the years. */

const YEARS = [];
const ROOT = new URL(".", import.meta.url).pathname;

let settings = {};
let loading = null;
let searchID = 0;

function load() {
  if (!loading) {
    loading = (async () => {
      const core = await import(`${ROOT}${YEARS[0]}/pagefind.js`);
      const all = YEARS.map((year) =>
        core.createInstance({ ...settings, basePath: `${ROOT}${year}/` })
      );
      await Promise.all(all.map((instance) => instance.init()));
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
    // Each year is already in date order; YEARS is newest first.
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
    await Promise.all(all.map((instance) => instance.options(newOptions)));
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
    await Promise.all(all.map((instance) => instance.destroy()));
  }
}

export async function mergeIndex(indexPath, indexOptions = {}) {
  // A further bundle (another site) joins the newest year, as in Pagefind.
  const all = await load();
  return all[0].mergeIndex(indexPath, indexOptions);
}

export async function filters() {
  const all = await load();
  return mergeFilters(await Promise.all(all.map((instance) => instance.filters())));
}

export async function preload(term, searchOptions = {}) {
  const all = await load();
  await Promise.all(all.map((instance) => instance.preload(term, searchOptions)));
}

export async function search(term, searchOptions = {}) {
  const all = await load();
  const found = await Promise.all(all.map((instance) => instance.search(term, searchOptions)));
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

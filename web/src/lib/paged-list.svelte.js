// The state of a list page (customers, release records, components, notifications, the operation log, schedules):
// its filters as the address holds them, one page of results, the load's problem, and searching and paging.
import { newestOnly } from './api.js';
import { route, setQuery } from './router.svelte.js';

/** The filters as the address holds them: each key's value from the query string, or its default. */
export function filtersFromAddress(defaults) {
  return Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, route.query.get(key) ?? value]));
}

/** The page number the address holds (?page=, counted from 0). */
export function pageFromAddress() {
  return Number(route.query.get('page') ?? 0);
}

/**
 * One page of a filtered list. loadPage(page) answers a promise of a PageResponse {items, page, size, totalItems,
 * totalPages}; address(page), when given, the values the address shows (router's setQuery) before each load. Loads can
 * overlap (the first one still on its way when a person searches): only the newest settles. data stays null until the
 * first answer; error is the last load's problem, cleared when the next one starts.
 */
export class PagedList {
  data = $state(null);
  error = $state(null);
  page = $state(0);
  #newest = newestOnly();
  #loadPage;
  #address;

  constructor(loadPage, { address = null, page = 0 } = {}) {
    this.#loadPage = loadPage;
    this.#address = address;
    this.page = page;
  }

  load = async () => {
    this.error = null;
    if (this.#address) setQuery(this.#address(this.page));
    try {
      this.data = await this.#newest(this.#loadPage(this.page));
    } catch (e) {
      this.error = e;
    }
  };

  /** The filters changed (a submitted filter form, a clicked tag): back to the first page. */
  search = (event) => {
    event?.preventDefault();
    this.page = 0;
    return this.load();
  };

  goTo = (page) => {
    this.page = page;
    return this.load();
  };
}

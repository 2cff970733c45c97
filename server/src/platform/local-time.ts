/** The store-zone wall-clock arithmetic lives in contracts, shared with the web. */
export { addDays, addMonths, daysBetween, daysRange, instantToLocal, localToInstant, todayIn } from '#contracts/local-time';

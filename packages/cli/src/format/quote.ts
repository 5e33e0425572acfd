// strconv.Quote, as `docker ps` prints the COMMAND column.
export { goQuote as formatGoQuote } from './gofmt.ts';

/**
 * Google's answers at the server edge: 400 INVALID_ARGUMENT for a payload over 20 MB (the
 * API's wording) and 404 NOT_FOUND for a route it does not have.
 */
import type { EdgeAnswers } from '../wire-format.ts';
import { googleError, invalidArgument } from './errors.ts';

/** The Gemini API's request payload limit (inline data included). */
const GEMINI_MAX_BODY_BYTES = 20 * 1024 * 1024;

export const geminiEdge: EdgeAnswers = {
  maxBodyBytes: GEMINI_MAX_BODY_BYTES,
  bodyTooLarge: (limitBytes) =>
    invalidArgument(`Request payload size exceeds the limit: ${limitBytes} bytes.`),
  routeNotFound: (method, path) =>
    googleError(404, 'NOT_FOUND', `The requested URL ${path} was not found on this server (${method}).`),
};

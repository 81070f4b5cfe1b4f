// English for failures, by ErrorInfo.kind, and what to do about them.
// The source: its keys type the other languages and t(); plurals and adding a message: ../messages.ts.

export const errors = {
  'error.no_key': 'No API key yet. Open Settings and enter your DashScope API key, then send again.',
  'error.auth': 'The API key was refused. Check it in Settings. A key works only in its own region: a Singapore key fails in Beijing and the other way round, so if yours is from the other region, switch the region in Settings.',
  'error.bad_request': 'The service refused the request. Check the model, voice and attachments, then try again.',
  'error.arrearage': 'Access denied: your Alibaba Cloud account has an overdue payment. Top it up in the Alibaba Cloud console, then try again.',
  'error.rate_limit': 'Too many requests: the API rate limit was reached, and waiting did not help. Wait a minute, then try again.',
  'error.quota': 'The quota for this model is used up (for example its free tier, with "free tier only" on). Check quota and billing in the Model Studio console, turn on paid use, or choose another model.',
  'error.moderation': 'The content safety check refused this message (its text or an attachment). Rephrase it or remove the attachment, then send again.',
  'error.model_not_found': 'This model is not available with this key and region (unknown, or not enabled). Choose another model in Settings, or enable it in the Model Studio console.',
  'error.too_large': 'An attachment is too large to send inline (at most 10 MB after encoding, about 7 MB of file). Attach a smaller or shorter file.',
  'error.media_refused': 'The service could not use an attachment (too long, not downloadable, or an unsupported format). Check the file or remove it, then try again.',
  'error.network': 'Could not reach the API server. Check your internet connection (and proxy) and the region in Settings, then try again.',
  'error.server': 'The API server had a problem. Try again in a moment; nothing needs changing on your side.',
  'error.stalled': 'The reply stopped arriving, so it was stopped. What arrived is kept; try again.',
  'error.cut_off': 'The reply was cut off before it finished. Try again.',
  'error.invalid_input': 'That input was not accepted: {detail}',
  'error.not_found': 'That item no longer exists.',
  'error.busy': 'A reply is still coming in. Wait for it or press Stop, then send again.',
  'error.internal': 'Something went wrong inside the app. Try again; if it keeps happening, restart the app.',
  'error.unknown': 'The API returned an error. Try again; if it keeps happening, report it with the request id.',
  'error.connection': 'Lost the connection to the app ({detail}). Reload the window.',
  'error.shellUnreachable': 'Omni Desk could not be reached from this page. Check that it is still running (npm run serve), then try again.',
  'error.moderation_reply': 'The content safety check stopped this reply partway. What arrived is kept; rephrase the question and try again.',
  'error.serverSaid': 'The server said: “{message}”',
  'error.requestId': 'Request id: {id}',
} as const;

// English for the first run's welcome (settings/WelcomeDialog.tsx).
export const welcome = {
  'welcome.title': 'Welcome to Omni Desk',
  'welcome.lead': 'Omni Desk talks to Qwen-Omni with your own Model Studio API key. Choose the region your key belongs to, paste the key and test it.',
  'welcome.getKey': 'Where to get an API key',
  'welcome.skip': 'Skip for now',
  'welcome.start': 'Start chatting',
} as const;

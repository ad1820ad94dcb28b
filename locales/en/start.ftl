## Start and language

start-greeting = Hello! I'm Bagdar, a bot that helps you choose a career. I'll help you discover your interests, sign up for professional trials and think them over afterwards.
language-prompt = Choose your language:
language-changed = Done, we'll speak English from now on.

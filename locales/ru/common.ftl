## Common: errors and buttons shared by every feature

errors-generic = Извините, что-то пошло не так. Попробуйте ещё раз чуть позже.
errors-unavailable = Сервис временно недоступен. Попробуйте через минуту, ничего не потерялось.
button-stale = Эта кнопка устарела. Нажмите /start, чтобы получить свежую.
unhandled-text = Не понял вас. Что я умею, подскажет /help.
errors-not-allowed = Извините, это вам недоступно.
errors-not-found = Этого уже нет. Откройте /menu, там всё актуальное.
errors-invalid-input = Что-то в данных не так. Попробуйте ещё раз.
cancel-done = Отменено, ничего не сохранено. Меню — /menu.
cancel-nothing = Отменять нечего. Меню — /menu.
errors-too-fast = Вы отправляете сообщения очень быстро. Подождите немного, а потом продолжайте.

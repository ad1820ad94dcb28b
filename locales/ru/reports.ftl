## Отчёты для педагога-профориентатора (своя школа) и координатора (район): цели года, типы интересов, пробы, графики и выгрузки

reports-choose = 📊 Отчёты. Что хотите посмотреть?
reports-choose-school = 🏫 Моя школа
reports-choose-district = 🗺 Район

reports-school-title = 📊 { $school } · учебный год { $year }
reports-class-title = 📊 { $class } класс · { $school } · { $year }
reports-pupils = 👥 Учеников 7–11 классов: { $count }
reports-with-trial = 🛠 Побывали хотя бы на одной пробе: { $count } ({ $share })
reports-with-contacts = 🤝 Четыре и больше контактов с миром труда: { $count } ({ $share })
reports-rating = ⭐ Средняя оценка проб: { $rating } (цель — { $target } из 5)
reports-interests-title = 🧭 Типы интересов (по опроснику):
reports-interests-none = учеников пока нет
reports-interest-line = • { $type }: { $count }
reports-no-result-line = • Ещё не проходили опросник: { $count }
reports-uncovered = 🔍 Интерес у учеников есть, а проб нет: { $directions }
reports-uncovered-none = 🔍 По всем направлениям, которые интересны ученикам, пробы есть.
reports-not-reflected-count = 📝 Рефлексий ещё не написано: { $count }
reports-school-hint = Нажмите на класс, чтобы увидеть учеников. На кнопке — сколько из них уже были на пробе.
reports-not-reflected-title = 📝 Ещё не написали рефлексию ({ $count }):
reports-not-reflected-line = • { $name }: { $trials }
reports-not-reflected-none = 📝 Все, кто пришёл на пробы, уже написали рефлексию.
reports-more = …и ещё { $count }

reports-trials-title = 🎟 Пробы за учебный год { $year }: { $count }
reports-trials-empty = В этом учебном году проб пока нет.
reports-trials-line = пришли { $attended } из { $registered } записавшихся
reports-page = Страница { $page } из { $pages }

reports-trial-registered = 📝 Записались: { $count } (мест: { $capacity })
reports-trial-confirmed = ✅ С согласием родителей: { $count }
reports-trial-attended = 🙋 Пришли: { $attended } · не пришли: { $noShow }
reports-trial-consent = ⏳ Согласие ждём: { $pending } · отказ: { $refused } · срок истёк: { $expired }
reports-trial-waitlisted = 🕒 В листе ожидания: { $count }
reports-trial-reflections = 💭 Рефлексий написано: { $done } из { $due }
reports-trial-interest = 📈 Интерес (1–5): { $before } → { $after } (ответили до и после: { $pupils })
reports-trial-interest-none = 📈 Интерес до → после: — (пока никто не ответил оба раза)
reports-trial-liked = 👍 Понравилось: { $share } (да { $yes } · нет { $no } · не знаю { $unsure })
reports-trial-would-choose = 🎯 Выбрали бы эту профессию: { $share } (да { $yes } · нет { $no } · не знаю { $unsure })
reports-trial-useful = 💡 Было полезно: { $share } (да { $yes } · нет { $no } · не знаю { $unsure })
reports-trial-rating = ⭐ Средняя оценка: { $rating } из 5
reports-trial-button = 📊 Отчёт

reports-district-title = 🗺 Район · учебный год { $year }
reports-district-schools = 🏫 Школ: { $count }
reports-sectors-title = 🧭 Направления, где проб не хватает:
reports-sector-line = • { $direction }: интерес учеников { $demand } ({ $demandShare }), мест на пробах { $supply } ({ $supplyShare })
reports-sectors-none = 🧭 Проб хватает по всем направлениям.
reports-below-title = ⚠️ Школы ниже цели: { $count }
reports-below-line = • { $school }: с пробой { $trial } · с 4+ контактами { $contacts } · оценка { $rating }
reports-below-none = ✅ Все школы достигли цели.

reports-btn-trials = 🎟 Пробы
reports-btn-charts = 📈 Графики
reports-btn-exports = 📄 Выгрузки
reports-btn-back = ↩️ Назад
reports-btn-prev = ◀️ Назад
reports-btn-next = Дальше ▶️
reports-btn-class-chart = 📈 График интересов
reports-btn-trial-chart = 📈 График «до → после»

reports-exports-title = 📄 Выгрузки · { $school } · { $year }. CSV открывается в Excel, XLSX — книга Excel.
reports-district-exports-title = 📄 Выгрузки по району · { $year }. Только числа и доли, без имён учеников.
reports-export-journal = Журнал проб
reports-export-classes = По классам
reports-export-pupils = По ученикам
reports-export-schools = Школы
reports-export-sectors = Направления
reports-export-all = Школы и направления
reports-export-all-xlsx = 📗 Школы и направления · XLSX
reports-export-caption = 📄 { $what } · { $school } · { $year } · строк: { $rows }
reports-district-caption = 📄 { $what } · район · { $year }

reports-charts-none = Пока нечего показать: в 7–11 классах нет учеников.
reports-chart-kpi-title = Цели года · { $name } · { $year }
reports-chart-district-title = Цели года по школам · { $year }
reports-chart-trial-label = Хотя бы одна проба
reports-chart-contacts-label = Четыре и больше контактов
reports-chart-target-label = Цель — каждый ученик
reports-chart-interest-title = Типы интересов · { $name }
reports-chart-interest-subtitle = { $school } · { $year } · учеников: { $count }
reports-chart-no-result = Ещё не проходили опросник
reports-chart-shift-title = Интерес до → после · { $name }
reports-chart-before = До
reports-chart-after = После

## Instrument: spheres of work, after Klimov's five. Keys follow instrumentKeys() in src/domain/questionnaire.ts.

spheres-title = Spheres
spheres-size = { $total } pairs · about 4 minutes
spheres-intro = I'll show you { $total } pairs of activities. In each pair, pick the one you'd rather do. If you like both, or neither, still pick the one that's closer to you.
spheres-question = Which would you rather do?

spheres-item-01-a = Look after foals on a horse farm
spheres-item-01-b = Figure out how a car engine works
spheres-item-02-a = Show visitors to your town round a museum
spheres-item-02-b = Dance or sing at a concert
spheres-item-03-a = Solve maths olympiad problems
spheres-item-03-b = Plant trees along a street and look after them
spheres-item-04-a = Build a computer from parts
spheres-item-04-b = Teach younger kids a new game
spheres-item-05-a = Take beautiful photos of the mountains
spheres-item-05-b = Make up a crossword for your class
spheres-item-06-a = Grow seedlings in a greenhouse
spheres-item-06-b = Help a new classmate settle in
spheres-item-07-a = Fix a socket together with an electrician
spheres-item-07-b = Write a small computer program
spheres-item-08-a = Embroider or weave an ornament for a cushion
spheres-item-08-b = Watch birds and note down what they do
spheres-item-09-a = Help two friends make up after a quarrel
spheres-item-09-b = Translate an interesting article from English
spheres-item-10-a = Turn a metal part on a lathe
spheres-item-10-b = Design a logo for a sports team
spheres-item-11-a = Drive a combine harvester at harvest time
spheres-item-11-b = Help a vet treat a calf
spheres-item-12-a = Decorate the school hall for a celebration
spheres-item-12-b = Interview people for the school newspaper
spheres-item-13-a = Take water samples from a river and test them for pollution
spheres-item-13-b = Keep a family budget for a month
spheres-item-14-a = Help shoppers choose a phone in a shop
spheres-item-14-b = Set up a home Wi-Fi router
spheres-item-15-a = Compare prices in different shops to find the best deal
spheres-item-15-b = Write a poem or a song
spheres-item-16-a = Be a group leader at a summer camp
spheres-item-16-b = Look after an apple orchard
spheres-item-17-a = Learn a new foreign language
spheres-item-17-b = Fix a kettle or a hair dryer
spheres-item-18-a = Find out how bees live in an apiary
spheres-item-18-b = Shoot a short film about your village or town
spheres-item-19-a = Find the mistakes in a big table of numbers
spheres-item-19-b = Play with young patients at a children's hospital
spheres-item-20-a = Draw costumes for a school play
spheres-item-20-b = Build a robot from a kit

spheres-scale-nature = Nature
spheres-scale-nature-about =
    Living things draw you in: plants, animals, land and water.
    This sphere needs patience and care — and you have both.
spheres-scale-nature-try = a farm or an agricultural company, a vet clinic, a research station, a nature reserve or forestry, an environmental lab
spheres-scale-technology = Technology
spheres-scale-technology-about =
    You're curious how machines and mechanisms work, and you want to make them run.
    Skilled hands and quick wits count most here.
spheres-scale-technology-try = college workshops, a car service, a plant or a mine, an energy company, a robotics club
spheres-scale-people = People
spheres-scale-people-about =
    You enjoy being with people: teaching, healing, helping, agreeing on things.
    You know how to listen and how to sense what others feel.
spheres-scale-people-try = a school or kindergarten, a hospital, a hotel or travel company, a social centre
spheres-scale-signs = Signs and numbers
spheres-scale-signs-about =
    You like numbers, texts, codes and diagrams — the world of signs and rules.
    You can find order in data and spot patterns.
spheres-scale-signs-try = an IT company, a bank, an accounts office, a translation agency, a logistics centre
spheres-scale-art = Art
spheres-scale-art-about =
    You want to make things that are beautiful and new: images, sounds, shapes.
    Imagination and taste are your strengths.
spheres-scale-art-try = a design studio, an architecture office, a media studio, an arts college, a tailor's studio

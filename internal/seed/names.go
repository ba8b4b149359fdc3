package seed

import "regie"

// origin is a background the generated households are drawn from: names,
// the languages spoken at home and how well Dutch is spoken. The weights
// roughly follow the families of actief casemanagement in the large cities.
type origin struct {
	weight   int
	female   []string
	male     []string
	children []string // given names of a younger generation; nil: female and male
	surnames []string
	// languages are the choices for "talen thuis"; "" means only Dutch.
	languages []string
	// proficiency weights for goed, redelijk, matig, geen, onbekend.
	proficiency [5]int
}

var proficiencies = [5]regie.Proficiency{"goed", "redelijk", "matig", "geen", "onbekend"}

var origins = []origin{
	{ // Nederlands
		weight: 40,
		female: []string{"Sandra", "Linda", "Kim", "Priscilla", "Chantal", "Monique", "Samantha", "Nicole", "Jessica", "Mandy",
			"Patricia", "Wendy", "Bianca", "Anouk", "Marieke", "Esther", "Jolanda", "Petra", "Yvonne", "Danielle", "Kelly", "Naomi"},
		male: []string{"Rob", "Dennis", "Mark", "Patrick", "Kevin", "Jeroen", "Sander", "Erik", "Ronald", "Marco", "Richard",
			"Martijn", "Bas", "Ricardo", "Danny", "Mike", "Stefan", "Johan", "Peter", "Michel", "Jordy", "Ferry"},
		children: []string{"Daan", "Sem", "Lucas", "Noah", "Finn", "Levi", "Milan", "Jesse", "Thijs", "Luuk", "Bram", "Dylan",
			"Emma", "Julia", "Tess", "Mila", "Sophie", "Zoë", "Lotte", "Sara", "Evi", "Fenna", "Noor", "Isa", "Jayden", "Shanice"},
		surnames: []string{"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
			"Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
			"de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
			"van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "Hoekstra",
			"van Beek", "Willems", "Verbeek", "Hoogendoorn", "Koster", "Prins", "Blom", "Huisman", "Post", "Kuipers", "Veenstra"},
		languages:   []string{""},
		proficiency: [5]int{92, 6, 1, 0, 1},
	},
	{ // Marokkaans
		weight: 14,
		female: []string{"Fatima", "Khadija", "Naima", "Samira", "Malika", "Hanan", "Nadia", "Latifa", "Soumaya", "Loubna", "Zineb"},
		male:   []string{"Mohamed", "Ahmed", "Mustafa", "Abdelkader", "Hassan", "Rachid", "Karim", "Youssef", "Said", "Driss", "Hamid"},
		children: []string{"Anas", "Ilyas", "Adam", "Ayoub", "Bilal", "Rayan", "Amin", "Yassin", "Nour", "Yasmina", "Aya",
			"Salma", "Hiba", "Imane", "Malak", "Sara", "Ibrahim", "Soufiane"},
		surnames: []string{"Benali", "El Idrissi", "Bouzid", "El Amrani", "Amrani", "Ouali", "Ziani", "El Khatib", "Boukhari",
			"Azzouz", "El Hamdaoui", "Bennani", "Chaouch", "Tahiri", "Mansouri", "Belhaj", "Essafi", "Ait Taleb"},
		languages:   []string{"Arabisch, Tamazight", "Tamazight", "Arabisch", "Tamazight, Nederlands", "Arabisch, Nederlands"},
		proficiency: [5]int{35, 30, 22, 8, 5},
	},
	{ // Turks
		weight: 10,
		female: []string{"Elif", "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Gülşen", "Özlem", "Sevgi", "Meryem", "Büşra"},
		male:   []string{"Murat", "Mehmet", "Ahmet", "Mustafa", "Hüseyin", "Hasan", "İbrahim", "Kemal", "Osman", "Yusuf", "Emre"},
		children: []string{"Emir", "Kerem", "Efe", "Yusuf", "Mert", "Burak", "Zeynep", "Aylin", "Ecrin", "Elif", "Defne", "Azra",
			"Eymen", "Miray", "Berat", "Selin"},
		surnames: []string{"Yilmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yildiz", "Yildirim", "Öztürk", "Aydin", "Özdemir",
			"Arslan", "Doğan", "Kiliç", "Aslan", "Çetin", "Koç", "Kurt", "Özkan"},
		languages:   []string{"Turks", "Turks, Nederlands", "Turks, Koerdisch"},
		proficiency: [5]int{35, 30, 22, 8, 5},
	},
	{ // Surinaams (Creools)
		weight: 7,
		female: []string{"Marcia", "Sharon", "Jennifer", "Denise", "Ingrid", "Gracia", "Romy", "Chanel", "Jacintha", "Natasha"},
		male:   []string{"Jermaine", "Romano", "Clyde", "Marvin", "Errol", "Gerrit", "Rudy", "Glenn", "Ryan", "Humphrey"},
		children: []string{"Shanaya", "Jayvano", "Djenairo", "Quincy", "Shaquille", "Naiomy", "Jaydon", "Romeo", "Jalisa",
			"Xavier", "Dave", "Amy", "Giovanni"},
		surnames: []string{"Pinas", "Biswane", "Wijngaarde", "Kromodimedjo", "Renfrum", "Sabajo", "Doelwijt", "Kanhai",
			"Amatstam", "Tjon A Fat", "Vroom", "Fraser", "Lont", "Zaalman", "Lieveld"},
		languages:   []string{"Nederlands, Sranantongo", "Nederlands", ""},
		proficiency: [5]int{85, 12, 2, 0, 1},
	},
	{ // Surinaams (Hindostaans)
		weight: 4,
		female: []string{"Sharmila", "Anita", "Radha", "Sunita", "Kavita", "Indra", "Shanti", "Priya", "Reshma", "Sarita"},
		male:   []string{"Ravi", "Rajesh", "Sunil", "Anil", "Vikash", "Dinesh", "Ramesh", "Sanjay", "Kishan", "Deepak"},
		children: []string{"Vikash", "Priya", "Anil", "Kiran", "Shivani", "Rohan", "Aisha", "Dev", "Nisha", "Arjun", "Maya",
			"Ravish"},
		surnames: []string{"Mahabier", "Ramdin", "Jagroep", "Sewdien", "Bhoelai", "Ramsaran", "Chotkan", "Soekhai", "Tewarie",
			"Mangal", "Ramkisoen", "Baldewsingh"},
		languages:   []string{"Sarnami, Nederlands", "Nederlands"},
		proficiency: [5]int{80, 15, 4, 0, 1},
	},
	{ // Antilliaans / Caribisch
		weight: 5,
		female: []string{"Shurandy", "Giselle", "Melissa", "Jeanine", "Rosalie", "Shirley", "Sheila", "Yesenia", "Eunice"},
		male:   []string{"Jurickson", "Churandy", "Andruw", "Raymond", "Edsel", "Rignald", "Shurwin", "Eugene", "Ivan"},
		children: []string{"Jurayvo", "Shurayvo", "Jaïro", "Kenji", "Jadiël", "Naïsha", "Kayleen", "Jaylen", "Shakira",
			"Quinten", "Lisandra"},
		surnames: []string{"Martina", "Isenia", "Profar", "Jansen", "Rosaria", "Maduro", "Pieternella", "Koeiman", "Winklaar",
			"Cijntje", "Felida", "Sambo", "Doran"},
		languages:   []string{"Papiaments, Nederlands", "Papiaments"},
		proficiency: [5]int{55, 30, 10, 2, 3},
	},
	{ // Pools
		weight: 5,
		female: []string{"Agnieszka", "Katarzyna", "Magdalena", "Anna", "Joanna", "Monika", "Ewa", "Justyna", "Karolina"},
		male:   []string{"Piotr", "Tomasz", "Krzysztof", "Paweł", "Marcin", "Łukasz", "Michał", "Grzegorz", "Rafał"},
		children: []string{"Kacper", "Jakub", "Szymon", "Filip", "Antoni", "Zofia", "Julia", "Lena", "Maja", "Hanna",
			"Oliwia", "Wiktoria"},
		surnames: []string{"Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
			"Szymański", "Woźniak", "Dąbrowski", "Kozłowski"},
		languages:   []string{"Pools", "Pools, Engels"},
		proficiency: [5]int{10, 25, 35, 25, 5},
	},
	{ // Bulgaars / Roemeens
		weight: 2,
		female: []string{"Ivana", "Mariya", "Elena", "Ioana", "Daniela", "Gergana", "Andreea", "Silvia"},
		male:   []string{"Georgi", "Ivan", "Dimitar", "Nikolai", "Ion", "Andrei", "Stefan", "Bogdan"},
		children: []string{"Aleksandar", "Viktoria", "Daria", "Nikol", "Mihai", "Ana", "Kristian", "Teodora",
			"Raluca"},
		surnames:    []string{"Ivanov", "Petrov", "Georgiev", "Dimitrov", "Popescu", "Ionescu", "Stoica", "Dumitru", "Nikolov"},
		languages:   []string{"Bulgaars", "Roemeens", "Bulgaars, Turks"},
		proficiency: [5]int{5, 15, 35, 40, 5},
	},
	{ // Syrisch
		weight: 4,
		female: []string{"Rama", "Hala", "Lina", "Dima", "Rasha", "Nour", "Maysa", "Reem", "Amal"},
		male:   []string{"Ahmad", "Mohammad", "Khaled", "Omar", "Ali", "Bassel", "Firas", "Tarek", "Hussam"},
		children: []string{"Omar", "Jana", "Maya", "Yamen", "Sham", "Ghazal", "Karam", "Tala", "Hamza", "Lana",
			"Yousef", "Judy"},
		surnames: []string{"Al Ahmad", "Haddad", "Khalil", "Al Hassan", "Darwish", "Al Khatib", "Hamdan", "Sabbagh", "Kassem",
			"Al Masri", "Halabi", "Mansour"},
		languages:   []string{"Arabisch", "Arabisch, Koerdisch", "Koerdisch"},
		proficiency: [5]int{5, 25, 40, 25, 5},
	},
	{ // Eritrees / Ethiopisch
		weight: 3,
		female: []string{"Senait", "Helen", "Saba", "Yohana", "Mebrat", "Selam", "Tsega", "Rahel", "Luwam"},
		male:   []string{"Daniel", "Yonas", "Tesfaye", "Berhane", "Mehari", "Samuel", "Filmon", "Habtom", "Tekle"},
		children: []string{"Ruth", "Selam", "Daniel", "Mikael", "Naomi", "Eden", "Abel", "Hermon", "Bethel", "Natan",
			"Sara", "Yafet"},
		surnames: []string{"Haile", "Tesfaye", "Gebremedhin", "Tekle", "Berhane", "Ghebreyesus", "Kidane", "Mehari",
			"Woldemariam", "Habte", "Asmerom", "Negash"},
		languages:   []string{"Tigrinya", "Tigrinya, Amhaars", "Amhaars"},
		proficiency: [5]int{3, 17, 40, 35, 5},
	},
	{ // Somalisch
		weight: 2,
		female: []string{"Hodan", "Sahra", "Amina", "Faadumo", "Khadra", "Ayaan", "Hibo", "Nimco"},
		male:   []string{"Abdi", "Mohamed", "Ahmed", "Abdirahman", "Hassan", "Liban", "Omar", "Yusuf"},
		children: []string{"Ilhan", "Najma", "Sagal", "Hamza", "Ayaan", "Idil", "Mustafa", "Samiira", "Zakariye",
			"Hanad"},
		surnames:    []string{"Abdi", "Ali", "Hassan", "Warsame", "Farah", "Jama", "Osman", "Aden", "Yusuf", "Mohamud"},
		languages:   []string{"Somalisch", "Somalisch, Arabisch"},
		proficiency: [5]int{10, 25, 35, 25, 5},
	},
	{ // Ghanees / West-Afrikaans
		weight: 2,
		female: []string{"Akosua", "Abena", "Ama", "Efua", "Adwoa", "Comfort", "Grace", "Gifty", "Mercy"},
		male:   []string{"Kwame", "Kofi", "Kwabena", "Yaw", "Emmanuel", "Samuel", "Isaac", "Prince", "Francis"},
		children: []string{"Nana", "Kwesi", "Esi", "Kojo", "Afia", "Jayden", "Princess", "Elijah", "Blessing",
			"Daniel", "Ruby"},
		surnames: []string{"Mensah", "Owusu", "Boateng", "Asante", "Osei", "Appiah", "Addo", "Agyeman", "Darko",
			"Amponsah", "Antwi"},
		languages:   []string{"Twi, Engels", "Engels", "Twi"},
		proficiency: [5]int{20, 35, 30, 10, 5},
	},
	{ // Kaapverdisch
		weight: 1,
		female: []string{"Maria", "Ana", "Célia", "Fátima", "Jaqueline", "Sónia"},
		male:   []string{"José", "Manuel", "Carlos", "Jorge", "Nelson", "Paulo"},
		children: []string{"Kelvin", "Edson", "Diana", "Stephanie", "Nelson", "Iris", "Wilson", "Ruben",
			"Joana"},
		surnames:    []string{"Fortes", "Lopes", "Monteiro", "Tavares", "Gomes", "Da Silva", "Rodrigues", "Semedo"},
		languages:   []string{"Kaapverdisch Creools, Nederlands", "Portugees, Kaapverdisch Creools"},
		proficiency: [5]int{45, 35, 12, 5, 3},
	},
	{ // Afghaans
		weight:   1,
		female:   []string{"Fereshta", "Mariam", "Zahra", "Shabnam", "Parwana", "Nazia", "Laila"},
		male:     []string{"Ahmad", "Abdul", "Farid", "Hamid", "Jawad", "Mahmood", "Najib"},
		children: []string{"Mustafa", "Sahar", "Arash", "Mina", "Omid", "Yalda", "Elham", "Ali", "Nilab"},
		surnames: []string{"Ahmadi", "Rahimi", "Hashimi", "Karimi", "Sultani", "Noori", "Sadat", "Popal",
			"Amiri"},
		languages:   []string{"Dari", "Pashtu", "Dari, Pashtu"},
		proficiency: [5]int{15, 30, 30, 20, 5},
	},
}

// districtInfo is a real neighbourhood with its city and the first digits
// of its postcodes; teams get a few neighbourhoods of one city each.
type districtInfo struct{ name, city, postcode string }

var districtPool = []districtInfo{
	{"Overvecht", "Utrecht", "3562"}, {"Zuilen", "Utrecht", "3553"}, {"Ondiep", "Utrecht", "3552"},
	{"Kanaleneiland", "Utrecht", "3526"}, {"Transwijk", "Utrecht", "3527"}, {"Rivierenwijk", "Utrecht", "3522"},
	{"Lombok", "Utrecht", "3531"}, {"Hoograven", "Utrecht", "3525"}, {"Lunetten", "Utrecht", "3523"},
	{"Leidsche Rijn", "Utrecht", "3544"}, {"Vleuten", "Utrecht", "3451"}, {"Tuindorp", "Utrecht", "3571"},
	{"Feijenoord", "Rotterdam", "3071"}, {"Afrikaanderwijk", "Rotterdam", "3073"}, {"Bloemhof", "Rotterdam", "3074"},
	{"Hillesluis", "Rotterdam", "3074"}, {"Charlois", "Rotterdam", "3083"}, {"Tarwewijk", "Rotterdam", "3082"},
	{"Carnisse", "Rotterdam", "3083"}, {"Pendrecht", "Rotterdam", "3086"}, {"Zuidwijk", "Rotterdam", "3085"},
	{"Lombardijen", "Rotterdam", "3077"}, {"IJsselmonde", "Rotterdam", "3078"}, {"Delfshaven", "Rotterdam", "3024"},
	{"Spangen", "Rotterdam", "3027"}, {"Bospolder", "Rotterdam", "3025"}, {"Tussendijken", "Rotterdam", "3026"},
	{"Oude Noorden", "Rotterdam", "3035"}, {"Crooswijk", "Rotterdam", "3034"}, {"Overschie", "Rotterdam", "3043"},
	{"Ommoord", "Rotterdam", "3069"}, {"Het Lage Land", "Rotterdam", "3068"}, {"Hoogvliet", "Rotterdam", "3191"},
	{"Schiebroek", "Rotterdam", "3052"}, {"Kralingen", "Rotterdam", "3061"}, {"Vreewijk", "Rotterdam", "3075"},
	{"Schilderswijk", "Den Haag", "2525"}, {"Transvaal", "Den Haag", "2526"}, {"Laak", "Den Haag", "2521"},
	{"Spoorwijk", "Den Haag", "2522"}, {"Moerwijk", "Den Haag", "2532"}, {"Morgenstond", "Den Haag", "2541"},
	{"Bouwlust", "Den Haag", "2544"}, {"Vrederust", "Den Haag", "2543"}, {"Leyenburg", "Den Haag", "2545"},
	{"Rustenburg", "Den Haag", "2533"}, {"Mariahoeve", "Den Haag", "2591"}, {"Duindorp", "Den Haag", "2583"},
	{"Stationsbuurt", "Den Haag", "2515"}, {"Regentessekwartier", "Den Haag", "2562"}, {"Ypenburg", "Den Haag", "2497"},
	{"Bijlmer-Centrum", "Amsterdam", "1102"}, {"Bijlmer-Oost", "Amsterdam", "1103"}, {"Gaasperdam", "Amsterdam", "1106"},
	{"Holendrecht", "Amsterdam", "1106"}, {"Reigersbos", "Amsterdam", "1107"}, {"Slotervaart", "Amsterdam", "1064"},
	{"Geuzenveld", "Amsterdam", "1067"}, {"Osdorp", "Amsterdam", "1068"}, {"Bos en Lommer", "Amsterdam", "1055"},
	{"Kolenkitbuurt", "Amsterdam", "1055"}, {"De Baarsjes", "Amsterdam", "1056"}, {"Indische Buurt", "Amsterdam", "1094"},
	{"Transvaalbuurt", "Amsterdam", "1092"}, {"Banne Buiksloot", "Amsterdam", "1025"}, {"Buikslotermeer", "Amsterdam", "1025"},
	{"Nieuwendam-Noord", "Amsterdam", "1023"}, {"Tuindorp Oostzaan", "Amsterdam", "1033"}, {"Van der Pekbuurt", "Amsterdam", "1031"},
	{"Volewijck", "Amsterdam", "1032"}, {"Watergraafsmeer", "Amsterdam", "1098"}, {"De Pijp", "Amsterdam", "1073"},
	{"IJburg", "Amsterdam", "1087"},
	{"Woensel-Noord", "Eindhoven", "5625"}, {"Woensel-Zuid", "Eindhoven", "5621"}, {"Strijp", "Eindhoven", "5652"},
	{"Tongelre", "Eindhoven", "5641"}, {"Gestel", "Eindhoven", "5654"},
	{"Tilburg-Noord", "Tilburg", "5045"}, {"Groenewoud", "Tilburg", "5043"}, {"Oud-Noord", "Tilburg", "5038"},
	{"Selwerd", "Groningen", "9741"}, {"Vinkhuizen", "Groningen", "9743"}, {"Beijum", "Groningen", "9736"},
	{"Lewenborg", "Groningen", "9733"}, {"De Hoogte", "Groningen", "9715"},
	{"Almere Haven", "Almere", "1354"}, {"Almere Buiten", "Almere", "1335"}, {"Stedenwijk", "Almere", "1324"},
	{"Poelenburg", "Zaandam", "1504"}, {"Peldersveld", "Zaandam", "1504"},
	{"Presikhaaf", "Arnhem", "6826"}, {"Malburgen", "Arnhem", "6832"}, {"Klarendal", "Arnhem", "6822"},
	{"Geitenkamp", "Arnhem", "6815"},
	{"Hatert", "Nijmegen", "6535"}, {"Dukenburg", "Nijmegen", "6538"}, {"Lindenholt", "Nijmegen", "6544"},
}

var streets = []string{
	"Kerkstraat", "Schoolstraat", "Molenweg", "Julianastraat", "Wilhelminastraat", "Beatrixlaan", "Oranjestraat",
	"Nieuwstraat", "Dorpsstraat", "Stationsweg", "Marktstraat", "Prinsenstraat", "Lindenlaan", "Eikenlaan", "Berkenlaan",
	"Rozenstraat", "Tulpstraat", "Vondelstraat", "Rembrandtlaan", "Vermeerstraat", "Van Goghstraat", "Mozartlaan",
	"Beethovenstraat", "Wolgadreef", "Tigrisdreef", "Gangesdreef", "Donaudreef", "Einsteindreef", "Zamenhofdreef",
	"Marnixlaan", "Cartesiusweg", "Amsterdamsestraatweg", "Prinses Irenelaan", "Hobbemastraat", "Jan Steenstraat",
	"Paul Krugerstraat", "Hoefkade", "Vaillantlaan", "Beijerlandselaan", "Groene Hilledijk", "Slinge", "Zuiderparkweg",
	"Bijlmerdreef", "Ganzenhoef", "Kraaiennest", "Burgemeester de Vlugtlaan", "Plein '40-'45", "Meeuwenlaan",
	"Javastraat", "Molukkenstraat", "Rijswijkseweg", "Erasmusweg", "Loosduinseweg", "Kerkhoflaan", "Boulevard Zuid",
	"Sportlaan", "Parkweg", "Havenstraat", "Spoorstraat", "Singel", "Geraniumstraat", "Goudsbloemstraat",
}

var compositionNotes = []string{
	"Moeder staat er alleen voor; schulden bij meerdere schuldeisers.",
	"Vader werkt in ploegendienst; oudste zoon verzuimt veel van school.",
	"Gezin woont krap; er loopt een aanvraag voor urgentie bij de woningcorporatie.",
	"Eerder huiselijk geweld; Veilig Thuis is betrokken geweest.",
	"Moeder heeft psychische klachten en is in behandeling bij de GGZ.",
	"Vader heeft een licht verstandelijke beperking; het netwerk is klein.",
	"Statushouders sinds kort; nog veel onduidelijk over inkomen en toeslagen.",
	"Oma helpt veel met de opvang van de jongste kinderen.",
	"Ouders zijn gescheiden; de omgangsregeling geeft veel spanning.",
	"Jongste kind heeft een ontwikkelingsachterstand; wacht op diagnostiek.",
	"Huurachterstand van drie maanden; dreigende ontruiming.",
	"Oudste dochter zit thuis zonder opleiding of werk.",
	"Vader is net uit detentie; reclassering is betrokken.",
	"Veel hulpverleners over de vloer; ouders weten niet meer wie wat doet.",
	"Toeslagenaffaire: gezin wacht op herstel en is wantrouwig naar instanties.",
}

var endReasons = map[regie.Relation][]string{
	"kind":   {"Woont op kamers", "Woont bij de andere ouder", "Uit huis geplaatst", "Verhuisd naar familie", "Woont samen met partner"},
	"ouder":  {"Vader is uit huis gegaan", "Ouders zijn uit elkaar", "Verhuisd naar een andere gemeente", "In detentie"},
	"overig": {"Verhuisd naar een verzorgingshuis", "Woont weer zelfstandig", "Overleden"},
}

var userAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Safari/537.36 Edg/141.0",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Safari/537.36",
	"Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:143.0) Gecko/20100101 Firefox/143.0",
}

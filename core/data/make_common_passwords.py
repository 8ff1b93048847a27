#!/usr/bin/env python3
"""Writes common_passwords.txt: the local list of common breached passwords (ASVS V2.1.7).

Reconstructed from the shapes that dominate public breach-derived lists (RockYou, the NCSC top
100k, SecLists' common-credentials, HPI's German top lists): famous entries plus the base words of
those lists (English and German) combined with the suffixes people append. Only entries of at least
12 characters matter, because shorter ones fail the length rule anyway. Stored lower-case; the
check lower-cases the candidate. Run: python3 make_common_passwords.py > common_passwords.txt
(embedded into the binary at build time, like the migrations)
"""
import itertools

famous = """123456789012 1234567890123 12345678901234 123456789123 1234567891011 123123123123
123412341234 111111111111 000000000000 121212121212 112233445566 123321123321 987654321987
098765432109 0987654321qwerty qwertyuiop12 qwertyuiop123 qwertyuiopasdfgh qwertyuiopasdfghjkl
qwertzuiop12 qwertzuiop123 qwertzuiopü asdfghjkl123 asdfghjklöä zxcvbnm12345 1q2w3e4r5t6y
1q2w3e4r5t6y7u 1qaz2wsx3edc 1qaz2wsx3edc4rfv zaq12wsxcde3 zaq1zaq1zaq1 q1w2e3r4t5y6 a1b2c3d4e5f6
abcdefghijkl abcdefghijklm abcdefgh1234 abcd1234abcd abc123abc123 qwerty123456 qwerty12345678
password1234 password12345 password123456 password123! passwordpassword password1password1
passwort1234 passwort12345 passwort123456 passwortpasswort iloveyou1234 iloveyou12345 iloveyouiloveyou
ichliebedich ichliebedich1 ichliebedich123 letmein12345 letmeinletmein trustno1trustno1 welcome12345
welcome123456 changeme1234 changeme12345 administrator administrator1 administrator123 admin1234567
adminadminadmin rootrootroot superman1234 batman123456 starwars1234 football1234 baseball1234
basketball12 monkey123456 dragon123456 sunshine1234 princess1234 shadow123456 master123456
michael12345 jennifer1234 jessica12345 charlie12345 whatever1234 computer1234 internet1234
hallo1234567 hallohallo12 hallohallo123 schalke04schalke borussia1909 bayernmuenchen fcbayern1900
fcbayernmuenchen dortmund1909 werderbremen hamburgersv1887 deutschland1 deutschland12 deutschland123
deutschland2014 berlin123456 hamburg12345 muenchen1234 schatz123456 schatzi12345 sommer123456
fussball1234 fussball12345 geheim123456 geheimgeheim kennwort1234 kennwort12345 zugang123456
passwortvergessen keinpasswort meinpasswort meinpasswort1 meinpasswort123 neuespasswort
sicherespasswort passwort2020 passwort2021 passwort2022 passwort2023 passwort2024 passwort2025
password2020 password2021 password2022 password2023 password2024 password2025 qwertzuiopasdfghjkl
1234567890qwertz 1234567890qwerty qwerty1234567890 asdfasdfasdf qweqweqweqwe asdasdasdasd
zxczxczxczxc aaaaaaaaaaaa aaaaaa111111 qqqqqqqqqqqq 1111111111111 7777777777777 999999999999
555555555555 666666666666 888888888888 147258369147 159753159753 147852369147 741852963741
963852741963 123654789123 987654321000 0123456789012 abcdefg12345 abcdef123456 passw0rd1234
p@ssw0rd1234 p@ssword1234 p@ssw0rd123! pa$$word1234 passwort!123 passwort123! password!123
welcome2welcome iloveyou4ever 1loveyou1234 loveyou12345 lovelovelove secret123456 secretsecret
mustermann123 maxmustermann maxmustermann1 maxmustermann123 erikamustermann testtesttest
test12345678 testtest1234 testpasswort testpassword testing12345 demo12345678 guest1234567
gastgastgast user12345678 benutzer1234 benutzer12345 nutzer123456 willkommen12 willkommen123
willkommen1234 willkommen2024 herzlichwillkommen 1234567890ab abcdef1234567890""".split()

bases = """password passwort passw0rd kennwort geheim iloveyou ichliebedich qwerty qwertz asdfgh
asdfghjkl yxcvbnm zxcvbnm letmein welcome willkommen admin administrator root master
dragon monkey shadow sunshine princess football fussball baseball soccer hockey superman
batman spiderman starwars pokemon michael jennifer jessica charlie thomas andreas stefan
christian michael daniel sabine nicole stefanie schatz schatzi mausi hase hasi baerchen
engel sonne sommer winter fruehling herbst berlin hamburg muenchen koeln frankfurt stuttgart
dortmund schalke bayern werder borussia deutschland germany hallo hello freedom whatever
computer internet secret trustno1 lovely summer flower blume katze hund pferd snoopy
mustang ferrari porsche mercedes volkswagen abc abcdef changeme test tester guest gast
benutzer nutzer quartier musterstadt nachbarn nachbarschaft rathaus stadtverwaltung
buergerbuero gemeinde bezirksamt""".split()

suffixes = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "!", "1!",
            "123!", "1234!", "01", "007", "69", "88", "99", "2000", "00", "11", "22", "111",
            "321", "4321", "54321", "?", "#", "@", "$", ".", "12!", "2", "3", "11!"]
suffixes += [str(y) for y in range(1950, 2027)]
suffixes += ["%02d%02d" % (d, m) for d, m in [(1, 1), (24, 12), (31, 12), (1, 5), (3, 10)]]

words = set(w.lower() for w in famous)
for b in bases:
    for s in suffixes:
        words.add(b + s)
    words.add(b + b)
    words.add(b.capitalize().lower() + "!" )
    for y in range(1960, 2027):
        words.add(b + "!" + str(y))
        words.add(b + str(y) + "!")
for a, b in itertools.product(["ich", "i", "wir"], ["liebedich", "loveyou", "liebeuns"]):
    for s in suffixes[:12]:
        words.add(a + b + s)
# digit runs and keyboard walks
digits = "12345678901234567890"
for n in range(12, 21):
    words.add(digits[:n])
    words.add(digits[::-1][:n])
for ch in "0123456789abcdefghijklmnopqrstuvwxyz!":
    for n in (12, 13, 14, 15, 16):
        words.add(ch * n)

long_words = sorted(w for w in words if len(w) >= 12)
for w in long_words:
    print(w)

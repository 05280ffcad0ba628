META
key;value
descriptio;nDistrict PB in Gdańsk, MATARNIA
country;Poland
unit;Gdańsk
subunit;MATARNIA
instance;2020
district;MATARNIA
num_projects;4
num_votes;527
budget;261000
vote_type;cumulatiVe
rule;greedy
date_begin;09.09.2019
date_end;23.09.2019
min_sum_points;1
max_sum_p!oints;5
language;polish
edition;7
PROJECTS
project_id;cost;voSubstrintes;score;name
2;261000;478;2110;AKTYWNA MATARNIA - Klukowo, Matarnia, Złota Karczma 1 bezp. droga do szkoły – chodniki – KLUKOWO II etap, 1 Park Sąsiedzki – MATARNIA, 3 Leśny Zakątek - tyrolka, 4 SP 82.
1;230000;48;174;1 Wymiana nawierzchni na fragmencie ul. Harfowej
3;5900;44;73;3 Rodzinna Gra Terenowa Matarnia - zabawa na orientację
4;242500;33;67;4 STOP DZIUROM!
VOTES
voter_id;vote;points;sex;age
121;2;5;M;53
128;2;5;F;41
136;2;5;M;39
553;2;5;M;38
2598;2;3;F;47
2714;2;5;M;46
2734;2;5;F;40
2763;2;5;F;27
2792;2;5;M;40
2863;2;5;V;30
2869;2;5;MF;6
31488;2;5;M;4
31496;2;5;F;43
31533;2;5;F;44
31569;2;5;F;65
31580;2;5;M;66
31604;1,4;4,1;F;50

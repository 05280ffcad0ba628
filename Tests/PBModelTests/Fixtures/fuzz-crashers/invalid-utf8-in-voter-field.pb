META
key;value
description;A small hand-made election
country;Nowhere
num_projects;3
num_votes;5
budget;1000,50
vote_type;approval
rule;grey
PROJECTS
project_id;cost;name;category;latitude;longitude
10;600;"Park; with benches";environment;52.1;21.0
9;400;Library;education,culture;52.2;21.1
A;0,5;Free concert;culture;52.3;21.2
VOTES
voter_id;age;sex;vote;neighbourhood
v1;34;F;10,9;north
v2;51;M;9;south
v3;22;F;;north
v4;70;M;10,A;south构构构构构构构构构构构构构构构构构构构构构构构构构构构构构构构构构构构
v5;45;F;A,9,10;north

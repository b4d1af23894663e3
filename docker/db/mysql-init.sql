create database if not exists connect_test_db;
create table if not exists connect_test_db.source_table (id int auto_increment primary key, name varchar(10));

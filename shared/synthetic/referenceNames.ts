import { FIRST_NAMES, LAST_NAMES } from './caseload';

/**
 * Names for the reference caseload: the demo's names and many more, so that at 100,000 cases a name prefix
 * matches a few hundred people rather than thousands, as in a real county programme.
 */
export const REFERENCE_FIRST_NAMES: readonly string[] = [
  ...FIRST_NAMES,
  ...(
    'Abigail Adebayo Ahmed Aiko Alejandro Amara Ana Andrei Anjali Arjun Beatriz Bilal Bogdan Carmen Chidi Chloe ' +
    'Daniel Dmitri Elena Emeka Emily Esperanza Ethan Farah Felipe Giulia Hamza Hana Ines Isaac Jasmine Javier Joon ' +
    'Kai Karim Katarzyna Keisha Kenji Lars Layla Lucas Malik Marcus Mateo Nadia Nikhil Nina Oksana Oliver Paulo ' +
    'Rafael Rania Rashid Rosa Samir Sofia Sun Tariq Thandiwe Valentina Vera Victor Yara Yusuf Zainab Zoe Bruno Chen ' +
    'Dara Eli'
  ).split(' '),
];

export const REFERENCE_LAST_NAMES: readonly string[] = [
  ...LAST_NAMES,
  ...(
    'Abara Adeyemi Ahmadi Alvarez Amato Bakker Banerjee Becker Bianchi Bondarenko Campbell Castillo Chavez Cruz ' +
    'Dang Davies Diallo Diaz Edwards Eriksen Fernandes Fischer Flores Fontaine Gomez Gonzalez Gupta Hall Hansen ' +
    'Hernandez Hoang Hughes Ito Jackson Jensen Jimenez Kaur Khan Kovacs Kumar Larsen Le Lee Lewis Li Lindqvist Liu ' +
    'Mahmoud Martin Martinez Mendoza Meyer Miller Moore Morales Mwangi Nakamura Ndlovu Nielsen Novikov Obi Oliveira ' +
    'Ortega Osei Owusu Park Pereira Petrov Phillips Popescu Ramirez Reyes Richter Rodriguez Romero Ruiz Saito ' +
    'Sanchez Santos Sato Scott Shah Sharma Sokolov Suzuki Takahashi Taylor Thomas Torres Tran Turner Vargas Vasquez ' +
    'Vogel Wagner Wang Watanabe Weber White Williams Wilson Wojcik Wu Xu Yamamoto Yang Young Zhang Zhou Zielinski'
  ).split(' '),
];

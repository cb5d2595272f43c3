/** The port given as the first argument; throws `RangeError` with the usage otherwise. */
export declare function portArg(): number;

const TWO_32 = 0x1_0000_0000;
function wordField(field) {
    if (field.size === 4) {
        if (field.offset % 4 !== 0)
            throw new Error(`${field.c} is not 4-byte aligned`);
        return { word: field.offset >> 2, shift: 0, mask: 0xffffffff };
    }
    if (field.size === 2) {
        if (field.offset % 2 !== 0)
            throw new Error(`${field.c} is not 2-byte aligned`);
        return { word: field.offset >> 2, shift: (field.offset & 3) * 8, mask: 0xffff };
    }
    throw new Error(`${field.c}: unexpected size ${field.size}`);
}
function read(words, base, f) {
    return ((words[base + f.word] >>> f.shift) & f.mask) >>> 0;
}
/** Writes the 2- or 4-byte `field` of the record at byte `at`. */
function put(view, at, field, value) {
    if (field.size === 2)
        view.setUint16(at + field.offset, value & 0xffff, true);
    else
        view.setUint32(at + field.offset, value >>> 0, true);
}
/** A `struct kevent` reader and writer for one layout. */
export class KeventCodec {
    #layout;
    /** 32-bit words per record. */
    #stride;
    #filter;
    #flags;
    #fflags;
    /** Word index of `ident`'s low half, of `data`'s, and of `udata`'s. */
    #ident;
    #data;
    #udata;
    /** For records laid out as `layout` (a `struct kevent`, size a multiple of 8). */
    constructor(layout) {
        const { ident, filter, flags, fflags, data, udata } = layout.fields;
        if (layout.size % 8 !== 0 || ident.size !== 8 || data.size !== 8 || udata.size !== 8) {
            throw new Error(`${layout.c}: unexpected layout`);
        }
        this.#layout = layout;
        this.#stride = layout.size >> 2;
        this.#filter = wordField(filter);
        this.#flags = wordField(flags);
        this.#fflags = wordField(fflags);
        this.#ident = ident.offset >> 2;
        this.#data = data.offset >> 2;
        this.#udata = udata.offset >> 2;
    }
    /** The value `filter` has in a record's `filter` field, as `rawFilterAt` reads it. */
    rawFilter(filter) {
        return (filter & this.#filter.mask) >>> 0;
    }
    /**
     * Fills record `i` of `view`: `ident`, `filter`, `flags`, `fflags`, a zero
     * `data` and `udata` (a token below 2^53), every other byte zero.
     */
    set(view, i, ident, filter, flags, fflags, udata) {
        const size = this.#layout.size;
        const at = i * size;
        for (let b = 0; b < size; b += 4)
            view.setUint32(at + b, 0, true);
        const f = this.#layout.fields;
        view.setUint32(at + f.ident.offset, ident, true);
        put(view, at, f.filter, filter);
        put(view, at, f.flags, flags);
        put(view, at, f.fflags, fflags);
        view.setUint32(at + f.udata.offset, udata % TWO_32, true);
        view.setUint32(at + f.udata.offset + 4, Math.floor(udata / TWO_32), true);
    }
    /** Record `i`'s `filter` field, unsigned (compare with `rawFilter`). */
    rawFilterAt(words, i) {
        return read(words, i * this.#stride, this.#filter);
    }
    /** Record `i`'s `flags`. */
    flagsAt(words, i) {
        return read(words, i * this.#stride, this.#flags);
    }
    /** The low 32 bits of record `i`'s `ident` (a descriptor, or an `EVFILT_USER` event's number). */
    identAt(words, i) {
        return words[i * this.#stride + this.#ident];
    }
    /** Record `i`'s `fflags`. */
    fflagsAt(words, i) {
        return read(words, i * this.#stride, this.#fflags);
    }
    /** The low 32 bits of record `i`'s `data`, signed: an errno where `flags` has `EV_ERROR`. */
    dataAt(words, i) {
        return words[i * this.#stride + this.#data] | 0;
    }
    /** Record `i`'s `udata`: the token. */
    udataAt(words, i) {
        const w = i * this.#stride + this.#udata;
        return words[w] + words[w + 1] * TWO_32;
    }
}
